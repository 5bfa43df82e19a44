// The built API (`node dist/apps/api/main.js`, as `npm start` runs it) as a child process a test can kill -9 and
// start again. `npm test` builds dist/ first.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../../libs/persistence/src/embedded-postgres.js';

export const API_MAIN = resolve('dist/apps/api/main.js');
export const CLI_MAIN = resolve('dist/apps/cli/main.js');

export interface ApiChild {
  baseUrl: string;
  process: ChildProcess;
  /** The last lines it wrote (stdout and stderr). */
  output(): string;
  alive(): boolean;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApiChild(databaseUrl: string, port?: number): Promise<ApiChild> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(listenPort), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API exited before listening:\n${output}`);
    if (await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
