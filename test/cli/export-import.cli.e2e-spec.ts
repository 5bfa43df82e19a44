import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, runCli } from './support/run-cli.js';

const eventCount = (url: string) => asOwner(url, async (c) => Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n));

describe('ledger export and import', () => {
  const databases: TestDatabase[] = [];
  let source: TestDatabase;
  let dir: string;
  let exported: string;
  const fresh = async (label: string) => {
    const db = await createTestDatabase(label);
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-cli-'));
    source = await fresh('cli_export_source');
    const demo = await runCli(['demo'], source.url);
    expect(demo).toMatchObject({ code: 0 });
    exported = join(dir, 'ledger.ndjson');
    const run = await runCli(['export', '--out', exported], source.url);
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('writes every event in position order, the same on stdout as in --out', async () => {
    const text = await readFile(exported, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.position)).toEqual(lines.map((_, i) => i + 1));
    expect(Object.keys(lines[0])).toEqual(['position', 'streamId', 'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actor', 'evidence', 'data', 'hash', 'prevHash']);
    expect((await runCli(['export'], source.url)).stdout).toBe(text);
  });

  it('imports into a fresh ledger, and exporting that gives the same bytes', async () => {
    const target = await fresh('cli_import_target');
    const imported = await runCli(['import', exported], target.url);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^imported \d+ events in \d+ streams/);
    const again = await runCli(['export'], target.url);
    expect(again.stdout).toBe(await readFile(exported, 'utf8'));
    expect(await runCli(['verify'], target.url)).toMatchObject({ code: 0 });
  });

  it('refuses a file with one altered data field, naming its line, and stores nothing', async () => {
    const lines = (await readFile(exported, 'utf8')).trimEnd().split('\n');
    const n = lines.findIndex((l) => JSON.parse(l).type === 'MetricMeasured');
    const event = JSON.parse(lines[n]);
    event.data.numerator = event.data.denominator;
    lines[n] = JSON.stringify(event);
    const tampered = join(dir, 'tampered.ndjson');
    await writeFile(tampered, `${lines.join('\n')}\n`);

    const target = await fresh('cli_import_tampered');
    const run = await runCli(['import', tampered], target.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`line ${n + 1}: hash: position ${event.position}: hash does not match the event content`);
    expect(await eventCount(target.url)).toBe(0);
  });

  it('refuses to import into a ledger that is not empty, saying so', async () => {
    const before = await eventCount(source.url);
    const run = await runCli(['import', exported], source.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the ledger is not empty \(its head is at position \d+\)/);
    expect(await eventCount(source.url)).toBe(before);
  });
});
