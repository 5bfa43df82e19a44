// `ledger report` on the demo ledger: the files equal what the HTTP API serves for the same pin (same builder, same
// renderer), twice the same bytes, the published result's digest; usage errors exit 2, unknown ids exit 1.
// Each run starts a process that opens the database and runs migrations: slow on a busy machine, hence the timeouts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvHeaderValue, csvTable, hasPoppler, pdfText } from '../e2e/support/report-files.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, runCli } from './support/run-cli.js';

describe('ledger report', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('cli_report');
    dir = mkdtempSync(join(tmpdir(), 'ledger-report-'));
    expect(await runCli(['demo'], db.url)).toMatchObject({ code: 0 });
  }, 240_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('writes the rankings as CSV, the same bytes twice, in Chinese', async () => {
    const [a, b] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    expect(await runCli(['report', 'rankings', '--format', 'csv', '--as-of', '2017-11-30T23:59:59+08:00', '--out', a], db.url)).toMatchObject({ code: 0 });
    expect(await runCli(['report', 'rankings', '--format', 'csv', '--as-of', '2017-11-30T23:59:59+08:00', '--out', b], db.url)).toMatchObject({ code: 0 });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const table = csvTable(readFileSync(join(dir, 'a.csv')), '排名');
    expect(table.rows).toHaveLength(18);
    expect(table.rows.map((r) => r[1])).toContain('海滨街道');
    expect(csvHeaderValue(readFileSync(join(dir, 'a.csv')), '评分时点（asOf）')).toBe('2017-11-30T23:59:59.000+08:00');
  }, 240_000);

  it('writes a unit’s 扣分明细 to stdout, and a published result with its digest', async () => {
    const unit = await runCli(['report', 'unit', 'haibin-street', '--format', 'csv'], db.url);
    expect(unit.code).toBe(0);
    expect(unit.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(unit.stdout).toContain('海滨街道（haibin-street，街道）');
    expect(unit.stdout).toContain('D-2017-001');

    const { rows } = await asOwner(db.url, (c) => c.query<{ event_id: string; digest: string }>(`SELECT event_id, data->>'scoresSha256' AS digest FROM events WHERE type = 'ResultsPublished'`));
    const out = join(dir, 'result.pdf');
    expect(await runCli(['report', 'result', rows[0].event_id, '--format', 'pdf', '--out', out], db.url)).toMatchObject({ code: 0 });
    if (!hasPoppler) return; // the PDF's text is checked where poppler-utils is installed (see reports.e2e-spec.ts)
    const text = pdfText(readFileSync(out));
    expect(text).toContain(rows[0].digest);
    expect(text).toContain('海滨街道');
  }, 240_000);

  it('exits 2 on bad usage naming the option, 1 on an unknown unit', async () => {
    const bad = await runCli(['report', 'rankings', '--format', 'docx'], db.url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: must be one of xlsx, csv, pdf');
    const asOf = await runCli(['report', 'rankings', '--format', 'csv', '--as-of', '2017-02-30T00:00:00+08:00'], db.url);
    expect(asOf).toMatchObject({ code: 2 });
    expect(asOf.stderr).toContain('--as-of: must be an ISO 8601');
    const unknown = await runCli(['report', 'unit', 'nobody', '--format', 'csv'], db.url);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no unit "nobody"');
  }, 240_000);
});
