// Offline checks of an export: `ledger verify --file` recomputes the chains without a database, `ledger evaluate`
// refuses a tampered line by number, and `ledger export` of a tampered ledger writes everything it read, then exits 1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, runCli } from './support/run-cli.js';

describe('offline checks of an export', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-offline-'));
  const exported = join(dir, 'ledger.ndjson');
  beforeAll(async () => {
    db = await createTestDatabase('cli_offline');
    expect(await runCli(['demo'], db.url)).toMatchObject({ code: 0 });
    expect(await runCli(['export', '--out', exported], db.url)).toMatchObject({ code: 0 });
  });
  afterAll(() => db.drop());

  const tamper = (name: string): { path: string; line: number } => {
    const lines = readFileSync(exported, 'utf8').trimEnd().split('\n');
    const index = lines.findIndex((l) => l.includes('"type":"MetricMeasured"'));
    const event = JSON.parse(lines[index]);
    event.data.numerator = 0;
    lines[index] = JSON.stringify(event);
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return { path, line: index + 1 };
  };

  it('verify --file passes the export without a database, and names the line of an edited event', async () => {
    const ok = await runCli(['verify', '--file', exported]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: .*ledger\.ndjson: \d+ events in \d+ streams/);
    const { path, line } = tamper('edited.ndjson');
    const bad = await runCli(['verify', '--file', path]);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(new RegExp(`first bad line ${line}: position \\d+ \\(stream unit-[a-z-]+, revision \\d+\\): hash does not match the event content`));
    const json = await runCli(['verify', '--file', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ line }] });
  });

  it('evaluate scores the intact export and refuses the edited one, naming the line', async () => {
    const ok = await runCli(['evaluate', '--events', exported, '--known-at', '2099-01-01T00:00:00+08:00']);
    expect(ok.code).toBe(0);
    const { path, line } = tamper('edited-for-evaluate.ndjson');
    const bad = await runCli(['evaluate', '--events', path]);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(new RegExp(`^line ${line}: hash: position \\d+: hash does not match the event content`, 'm'));
  });

  it('export of a tampered ledger writes every event it read and exits 1 naming the position', async () => {
    const events = readFileSync(exported, 'utf8').trimEnd().split('\n').length;
    await asOwner(db.url, async (c) => {
      await c.query('ALTER TABLE events DISABLE TRIGGER USER');
      try {
        await c.query(`UPDATE events SET data = jsonb_set(data, '{numerator}', '0') WHERE position = (SELECT min(position) FROM events WHERE type = 'MetricMeasured')`);
      } finally {
        await c.query('ALTER TABLE events ENABLE TRIGGER USER');
      }
    });
    const again = join(dir, 'tampered-export.ndjson');
    const run = await runCli(['export', '--out', again], db.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/export: the ledger was altered; first bad position \d+ \(stream unit-[a-z-]+, revision \d+\): hash does not match/);
    expect(readFileSync(again, 'utf8').trimEnd().split('\n')).toHaveLength(events);
  });
});
