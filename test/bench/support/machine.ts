// What the figures were measured on.
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { queryOnce } from './database.js';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  database: string;
  loadAverageAtStart: number[];
}

export async function machineInfo(serverUrl: string, serverLabel: string): Promise<MachineInfo> {
  const [row] = await queryOnce<{ version: string }>(serverUrl, `SELECT current_setting('server_version') AS version`);
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres: row.version,
    database: serverLabel,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
