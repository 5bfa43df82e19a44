// The evidence files through the `ledger` command: orphans listed, every file rehashed by verify (and a file
// altered as superuser found), export --with-evidence and import --with-evidence round trip, a tampered or missing
// evidence directory refused before anything is stored.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import * as files from '../fixtures/evidence-files.js';
import { startLedgerTestApp, type LedgerTestApp } from '../e2e/support/ledger-test-app.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, runCli } from './support/run-cli.js';

const GOV = 'gov-office';
const CENTRE = 'admin-service-centre';
const HB = 'haibin-street';

// Each `ledger` run is a process that migrates and connects: on a loaded machine a test of several runs needs time.
const CLI_TEST_TIMEOUT = 240_000;

describe('ledger verify, evidence orphans, export and import with evidence files', () => {
  let t: LedgerTestApp;
  let dir: string;
  const databases: TestDatabase[] = [];
  const hashes = { referenced: '', orphan: '' };

  const upload = async (body: Buffer, contentType: string, name: string) => {
    const res = await request(t.app.getHttpServer())
      .post('/v1/evidence')
      .set('Authorization', `Bearer ${await t.keyFor(CENTRE)}`)
      .set('Content-Type', contentType)
      .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
    expect(res.status).toBe(201);
    return res.body.sha256 as string;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-evidence-'));
    t = await startLedgerTestApp('cli_evidence');
    const gov = await (await t.as(GOV)).post('/v1/events', [
      { type: 'AssessmentOpened', occurredAt: '2017-01-03T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '考核' } },
      { type: 'UnitRegistered', occurredAt: '2017-01-03T10:00:00+08:00', data: { unitId: HB, name: '海滨街道', kind: 'street' } },
    ]);
    expect(gov.status).toBe(201);
    hashes.referenced = await upload(files.pdf('抽查'), 'application/pdf', '抽查记录.pdf');
    hashes.orphan = await upload(files.txt('未引用'), 'text/plain', '未引用.txt');
    const finding = await (await t.as(CENTRE)).post('/v1/events', {
      eventId: randomUUID(),
      type: 'SpotCheckRecorded',
      occurredAt: '2017-10-05T09:30:00+08:00',
      evidence: [{ kind: 'file', ref: '抽查记录.pdf', sha256: hashes.referenced }],
      data: { unitId: HB, indicator: '3.5', outcome: 'fail', subject: '办件 1', note: '' },
    });
    expect(finding.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all(databases.map((d) => d.drop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the uploaded file no event references', async () => {
    const run = await runCli(['evidence', 'orphans', '--json'], t.db.url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ sha256: hashes.orphan, size: files.txt('未引用').length, mediaType: 'text/plain', fileName: '未引用.txt' }]);
  });

  it('verify rehashes every stored file and resolves every reference', async () => {
    const run = await runCli(['verify'], t.db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('evidence: 2 files');
    expect(run.stdout).toContain('1 file references resolved');
  });

  it('export --with-evidence writes the files beside the NDJSON; import --with-evidence restores and checks them', async () => {
    const out = join(dir, 'ledger.ndjson');
    const evidenceDir = join(dir, 'evidence');
    expect(await runCli(['export', '--out', out, '--with-evidence', evidenceDir], t.db.url)).toMatchObject({ code: 0 });
    expect((await readdir(evidenceDir)).sort()).toEqual([hashes.referenced, hashes.orphan, 'evidence.ndjson'].sort());
    expect(Buffer.compare(await readFile(join(evidenceDir, hashes.referenced)), files.pdf('抽查'))).toBe(0);

    const withoutDir = await createTestDatabase('cli_evidence_nodir');
    databases.push(withoutDir);
    const refused = await runCli(['import', out], withoutDir.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--with-evidence: the export references 1 uploaded file(s)');
    expect(await asOwner(withoutDir.url, async (c) => Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n))).toBe(0);

    const target = await createTestDatabase('cli_evidence_target');
    databases.push(target);
    const imported = await runCli(['import', out, '--with-evidence', evidenceDir], target.url);
    expect(imported.code).toBe(0);
    const verify = await runCli(['verify'], target.url);
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.stdout).toContain('evidence: 2 files');
    const again = join(dir, 'again.ndjson');
    const againDir = join(dir, 'again-evidence');
    expect(await runCli(['export', '--out', again, '--with-evidence', againDir], target.url)).toMatchObject({ code: 0 });
    expect(await readFile(again, 'utf8')).toBe(await readFile(out, 'utf8'));
    expect(await readFile(join(againDir, 'evidence.ndjson'), 'utf8')).toBe(await readFile(join(evidenceDir, 'evidence.ndjson'), 'utf8'));

    // A file of the directory altered after the export: refused naming it, nothing stored.
    await writeFile(join(evidenceDir, hashes.orphan), files.txt('改过了'));
    const tampered = await createTestDatabase('cli_evidence_tampered');
    databases.push(tampered);
    const run = await runCli(['import', out, '--with-evidence', evidenceDir], tampered.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`evidence.ndjson line \\d+: the file ${hashes.orphan} hashes to [0-9a-f]{64}: it was altered`));
    expect(await asOwner(tampered.url, async (c) => Number((await c.query('SELECT count(*) AS n FROM evidence_files')).rows[0].n))).toBe(0);
  }, CLI_TEST_TIMEOUT);

  it('verify finds a stored file altered as superuser, naming its hash', async () => {
    await asOwner(t.db.url, async (c) => {
      // Triggers off for this session only: what a superuser with a grudge could do.
      await c.query(`SET session_replication_role = replica`);
      await c.query(
        `UPDATE evidence_chunks SET data = overlay(data placing '\\x00'::bytea from 20 for 1)
          WHERE content_id = (SELECT content_id FROM evidence_files WHERE sha256 = $1)`,
        [hashes.referenced],
      );
    });
    const run = await runCli(['verify'], t.db.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`evidence file ${hashes.referenced}: the stored bytes hash to [0-9a-f]{64}: the file was altered`));
    const json = JSON.parse((await runCli(['verify', '--json'], t.db.url)).stdout);
    expect(json).toMatchObject({ ok: false, evidence: { files: 2, references: 1 } });
  }, CLI_TEST_TIMEOUT);
});
