// Runs the built `ledger` CLI as a user would: `node dist/apps/cli/main.js …`. Builds once per test process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The build of tsconfig.build.json, emitted into a directory of its own under dist/: the working tree is shared, and a
// concurrent `npm run build` rewriting dist/apps while a test spawns the CLI would fail that test for no fault of its own.
// It stays under the repository so Node still finds node_modules from there.
const OUT = join(ROOT, 'dist/.cli-e2e');
const MAIN = join(OUT, 'apps/cli/main.js');
let built = false;

export function buildCli(): void {
  if (built) return;
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', OUT, '--tsBuildInfoFile', join(OUT, '.tsbuildinfo')], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    // Type errors elsewhere in a shared tree still emit JavaScript; what matters here is that the CLI was emitted.
    if (!existsSync(MAIN)) throw error;
  }
  built = true;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export const FIXTURES = join(ROOT, 'test/fixtures/worked-examples');

export function readFixture(name: string): Record<string, unknown>[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const scratch = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
let files = 0;

/** Writes lines (objects as JSON, strings as they are) to a fresh NDJSON file and returns its path. */
export function ndjson(lines: Array<Record<string, unknown> | string>): string {
  const path = join(scratch, `events-${++files}.ndjson`);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}
