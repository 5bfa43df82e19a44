// Every CLI step that can take seconds on a large ledger says it is alive on stderr: the store phase of `import`
// and the reading of `evaluate --unit`. LEDGER_PROGRESS_INTERVAL_MS=0 prints a line at every update, so a small
// ledger shows the lines a 300k-event export prints every five seconds (no timing is asserted).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { runCli } from './support/run-cli.js';

const EVERY_UPDATE = { LEDGER_PROGRESS_INTERVAL_MS: '0' };

describe('progress of the long CLI steps', () => {
  const databases: TestDatabase[] = [];
  let dir: string;
  let exported: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-progress-'));
    const source = await createTestDatabase('cli_progress_source');
    databases.push(source);
    expect(await runCli(['demo'], source.url)).toMatchObject({ code: 0 });
    exported = join(dir, 'ledger.ndjson');
    expect(await runCli(['export', '--out', exported], source.url)).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('import prints the checking and the storing progress on stderr, stdout keeps its one summary line', async () => {
    const target = await createTestDatabase('cli_progress_target');
    databases.push(target);
    const run = await runCli(['import', exported], target.url, EVERY_UPDATE);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^imported (\d+) events[^\n]*\n$/);
    const events = Number(/^imported (\d+)/.exec(run.stdout)?.[1]);
    expect(run.stderr).toMatch(/^import: checking +\d+% \d+\/\d+$/m);
    expect(run.stderr).toMatch(new RegExp(`^import: storing 100% ${events}/${events}$`, 'm'));
  });

  it('evaluate --unit prints its reading progress on stderr and the unchanged scores JSON on stdout', async () => {
    const quiet = await runCli(['evaluate', '--events', exported, '--unit', 'haibin-street', '--known-at', '2030-01-01T00:00:00+08:00']);
    const run = await runCli(['evaluate', '--events', exported, '--unit', 'haibin-street', '--known-at', '2030-01-01T00:00:00+08:00'], undefined, EVERY_UPDATE);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(quiet.stdout);
    expect(run.stderr).toMatch(/^evaluate: reading 100% (\d+)\/\1$/m);
    expect(run.stdout).not.toMatch(/evaluate: reading/);
  });
});
