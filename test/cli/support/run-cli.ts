// Runs the built `ledger` command as a user would: a child process on dist/, configured by DATABASE_URL only.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = resolve('dist/apps/cli/main.js');
/** The installed command itself (`npx ledger`), for tests that drive it exactly as an operator would. */
export const LEDGER_BIN = resolve('bin/ledger.js');

export function runCli(args: string[], databaseUrl?: string, extraEnv: NodeJS.ProcessEnv = {}, entry = MAIN): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  // Progress lines come every 5 s: on a loaded machine a test's small ledger could take that long, and a test that
  // expects a quiet stderr would then depend on timing. Quiet unless a test asks (progress.cli.e2e-spec.ts).
  env.LEDGER_PROGRESS_INTERVAL_MS = '999999999';
  Object.assign(env, extraEnv);
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** A superuser connection to the test database: the owner's view, able to do what the application cannot. */
export async function asOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';
