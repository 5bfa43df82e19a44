// The real API as a child process (`node dist/apps/api/main.js`, as in production): its CPU is its own, not the
// load generator's. Also issues API keys the way `ledger keys create` does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { freePort } from '../../../libs/persistence/src/embedded-postgres.js';
import { LEDGER_APP_ROLE } from '../../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../../libs/persistence/src/pool.js';

export const API_MAIN = fileURLToPath(new URL('../../../apps/api/main.js', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../../apps/cli/main.js', import.meta.url));

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function issueApiKey(url: string, unitId: string, userId = 'bench'): Promise<string> {
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 1 });
  try {
    return (await new ApiKeysRepository(pool).issue(unitId, userId)).key;
  } finally {
    await pool.end();
  }
}

export async function startApiProcess(url: string): Promise<ApiProcess> {
  // BENCH_API_PORT pins the port (a machine shared by several people hands each a range).
  const port = process.env.BENCH_API_PORT ? Number(process.env.BENCH_API_PORT) : await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before listening:\n${output}`);
    const up = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid as number,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
