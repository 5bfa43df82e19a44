// Evidence files end to end (issue 14): upload → reference from an event → download, for every accepted type; the
// signature check; the same bytes stored once; references to files not uploaded or not the caller's refused; the
// read policy on download; the trail showing each file's name and size; the append-only storage.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import pg from 'pg';
import { uploadEvidence } from '../../apps/api/evidence/upload-evidence.js';
import { PostgresEvidenceStorage } from '../../libs/evidence/src/postgres-evidence-storage.js';
import request from 'supertest';
import * as files from '../fixtures/evidence-files.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const GOV = 'gov-office';
const CENTRE = 'admin-service-centre'; // leads 3.5
const LETTERS = 'letters-visits-bureau'; // leads part 5, not 3.5
const HB = 'haibin-street';
const KY = 'kaiyuan-street';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

let t: LedgerTestApp;

async function upload(unitId: string, body: Buffer, contentType: string, fileName: string): Promise<request.Response> {
  return request(t.app.getHttpServer())
    .post('/v1/evidence')
    .set('Authorization', `Bearer ${await t.keyFor(unitId)}`)
    .set('Content-Type', contentType)
    .set('Content-Disposition', disposition(fileName))
    .send(body);
}

async function download(unitId: string, hash: string): Promise<request.Response> {
  return request(t.app.getHttpServer())
    .get(`/v1/evidence/${hash}`)
    .set('Authorization', `Bearer ${await t.keyFor(unitId)}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

const spotCheck = (unitId: string, evidence: unknown[]) => ({
  eventId: randomUUID(),
  type: 'SpotCheckRecorded',
  occurredAt: '2017-10-05T09:30:00+08:00',
  evidence,
  data: { unitId, indicator: '3.5', outcome: 'fail', subject: `办件 ${randomUUID()}`, note: '预审不通过' },
});
const fileEvidence = (hash: string, ref = '抽查记录') => ({ kind: 'file', ref, sha256: hash });

async function rowCount(table: string): Promise<number> {
  const { rows } = await t.ledger.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

beforeAll(async () => {
  t = await startLedgerTestApp('evidence');
  const res = await (await t.as(GOV)).post('/v1/events', [
    { type: 'AssessmentOpened', occurredAt: '2017-01-03T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '考核' } },
    { type: 'UnitRegistered', occurredAt: '2017-01-03T10:00:00+08:00', data: { unitId: HB, name: '海滨街道', kind: 'street' } },
    { type: 'UnitRegistered', occurredAt: '2017-01-03T10:00:00+08:00', data: { unitId: KY, name: '开元街道', kind: 'street' } },
  ]);
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('POST /v1/evidence → evidence { kind: "file" } → GET /v1/evidence/:sha256', () => {
  const kinds: [string, string, string, () => Buffer][] = [
    ['PDF', 'application/pdf', '抽查记录-2017-10-05.pdf', () => files.pdf('spot check 2017-10-05')],
    ['OFD', 'application/ofd', '整改通知.ofd', () => files.ofd('整改通知 2017')],
    ['JPEG', 'image/jpeg', '现场照片.jpg', () => files.jpeg('窗口现场')],
    ['PNG', 'image/png', '网站截图.png', () => files.png([10, 120, 200])],
    ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '办件统计.xlsx', () => files.xlsx('十月')],
    ['XLS', 'application/vnd.ms-excel', '办件统计.xls', () => files.ole2(1)],
    ['DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '情况说明.docx', () => files.docx('情况说明')],
    ['DOC', 'application/msword', '情况说明.doc', () => files.ole2(2)],
    ['CSV', 'text/csv; charset=utf-8', '抽查清单.csv', () => files.csv()],
    ['TXT', 'text/plain', '说明.txt', () => files.txt()],
    ['ZIP', 'application/zip', '附件.zip', () => files.zip({ 'a.txt': '甲', 'b.txt': '乙' })],
  ];

  it.each(kinds)('%s: stored, referenced, listed in the trail with name and size, read back byte for byte', async (_kind, contentType, fileName, make) => {
    const bytes = make();
    const up = await upload(CENTRE, bytes, contentType, fileName);
    expect(up.status).toBe(201);
    const mediaType = contentType.split(';')[0];
    expect(up.body).toEqual({ sha256: sha(bytes), size: bytes.length, mediaType, fileName });

    const event = spotCheck(HB, [fileEvidence(up.body.sha256, fileName)]);
    const appended = await (await t.as(CENTRE)).post('/v1/events', event);
    expect(appended.status).toBe(201);
    expect(appended.body.evidence).toEqual([fileEvidence(up.body.sha256, fileName)]);

    // The assessed street sees its own trail and so may read the file; the trail names it with its size.
    const trail = await (await t.as(HB)).get(`/v1/events?unitId=${HB}&type=SpotCheckRecorded`);
    const listed = (trail.body.events as { eventId: string; evidence: unknown[] }[]).find((e) => e.eventId === event.eventId);
    expect(listed?.evidence).toEqual([{ ...fileEvidence(up.body.sha256, fileName), file: { fileName, size: bytes.length, mediaType } }]);

    const down = await download(HB, up.body.sha256);
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toContain(mediaType);
    expect(down.headers['content-length']).toBe(String(bytes.length));
    expect(down.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
  });

  it('the scores (withEvidence=true) and the timeline show each event\'s files with name and size; the scores JSON itself is unchanged', async () => {
    const bytes = files.pdf(`scores ${randomUUID()}`);
    const up = await upload(CENTRE, bytes, 'application/pdf', '扣分依据.pdf');
    const event = spotCheck(HB, [fileEvidence(up.body.sha256, '扣分依据.pdf'), { kind: 'url', ref: 'https://example.org/a' }]);
    expect((await (await t.as(CENTRE)).post('/v1/events', event)).status).toBe(201);
    const described = [
      { ...fileEvidence(up.body.sha256, '扣分依据.pdf'), file: { fileName: '扣分依据.pdf', size: bytes.length, mediaType: 'application/pdf' } },
      { kind: 'url', ref: 'https://example.org/a' },
    ];

    const knownAt = encodeURIComponent(new Date().toISOString());
    const plain = await (await t.as(HB)).get(`/v1/scores?unitId=${HB}&knownAt=${knownAt}`);
    const withEvidence = await (await t.as(HB)).get(`/v1/scores?unitId=${HB}&knownAt=${knownAt}&withEvidence=true`);
    expect(withEvidence.status).toBe(200);
    const { evidence, ...document } = withEvidence.body;
    expect(document).toEqual(plain.body);
    expect(plain.body.evidence).toBeUndefined();
    expect(JSON.stringify(plain.body.units[0].indicators['3.5'].trace)).toContain(event.eventId);
    expect(evidence[event.eventId]).toEqual(described);
    expect((await (await t.as(HB)).get(`/v1/scores?unitId=${HB}&withEvidence=yes`)).status).toBe(400);

    const timeline = await (await t.as(HB)).get(`/v1/units/${HB}/timeline`);
    expect(timeline.status).toBe(200);
    const step = (timeline.body.steps as { events: { eventId: string; evidence: unknown }[] }[]).flatMap((s) => s.events).find((e) => e.eventId === event.eventId);
    expect(step?.evidence).toEqual(described);
  });

  it('stores the same bytes once, whoever uploads them, and answers 200 for the repeat', async () => {
    const bytes = files.pdf(`once ${randomUUID()}`);
    const before = await rowCount('evidence_chunks');
    const first = await upload(CENTRE, bytes, 'application/pdf', '一次.pdf');
    const again = await upload(CENTRE, bytes, 'application/pdf', '一次.pdf');
    const other = await upload(KY, bytes, 'application/pdf', '另一个名字.pdf');
    expect([first.status, again.status, other.status]).toEqual([201, 200, 200]);
    expect(new Set([first.body.sha256, again.body.sha256, other.body.sha256]).size).toBe(1);
    expect(await rowCount('evidence_chunks')).toBe(before + 1);
    const { rows } = await t.ledger.pool.query('SELECT unit_id FROM evidence_uploads WHERE sha256 = $1 ORDER BY unit_id', [first.body.sha256]);
    expect(rows.map((r) => r.unit_id)).toEqual([CENTRE, KY]);
  });

  it('accepts an ASCII filename= and application/octet-stream, the extension deciding the type', async () => {
    const bytes = files.png([1, 2, 3]);
    const res = await request(t.app.getHttpServer())
      .post('/v1/evidence')
      .set('Authorization', `Bearer ${await t.keyFor(CENTRE)}`)
      .set('Content-Type', 'application/octet-stream')
      .set('Content-Disposition', 'attachment; filename="screen.png"')
      .send(bytes);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'image/png', fileName: 'screen.png' });
  });
});

describe('refused uploads name the problem and store nothing', () => {
  const cases: [string, () => Buffer, string, string, RegExp][] = [
    ['PNG bytes declared as a PDF', () => files.png([9, 9, 9]), 'application/pdf', '记录.pdf', /^body: the bytes are a PNG image, not a PDF document as declared \(application\/pdf\)/],
    ['a forged Content-Type: PDF bytes sent as image/png', () => files.pdf('forged'), 'image/png', 'photo.png', /^body: the bytes are a PDF document, not a PNG image/],
    ['an extension that disagrees with Content-Type', () => files.pdf('x'), 'application/pdf', '记录.png', /^fileName: the extension \.png is a PNG image, but Content-Type says application\/pdf/],
    ['a ZIP named .xls (OLE2 expected)', () => files.zip({ 'a.txt': 'a' }), 'application/vnd.ms-excel', '表.xls', /^body: the bytes are a ZIP container .*, not an XLS workbook/],
    ['binary bytes declared as CSV', () => Buffer.concat([Buffer.from('a,b\r\n'), Buffer.from([0, 1, 2])]), 'text/csv', '表.csv', /^body: the bytes are not a CSV file as declared \(text\/csv\): binary byte 0x00 at offset 5/],
    ['a JPEG declared as text', () => files.jpeg('x'), 'text/plain', 'a.txt', /^body: the bytes are a JPEG image, not a text file/],
    ['an extension not accepted', () => files.txt(), 'text/plain', 'run.exe', /^fileName: "run\.exe" must end in one of \.pdf/],
    ['a media type not accepted', () => files.txt(), 'text/html', 'a.txt', /^Content-Type: "text\/html" is not accepted/],
    ['an empty file', () => Buffer.alloc(0), 'text/plain', 'a.txt', /^body: the file is empty/],
  ];

  it.each(cases)('%s → 400', async (_what, make, contentType, fileName, message) => {
    const before = [await rowCount('evidence_files'), await rowCount('evidence_chunks'), await rowCount('evidence_uploads')];
    const res = await upload(CENTRE, make(), contentType, fileName);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(message)]);
    expect([await rowCount('evidence_files'), await rowCount('evidence_chunks'), await rowCount('evidence_uploads')]).toEqual(before);
  });

  it('a body cut short (the client went away) is refused and leaves nothing stored', async () => {
    const before = [await rowCount('evidence_files'), await rowCount('evidence_chunks'), await rowCount('evidence_uploads')];
    // What the server sees when a client disconnects mid-body: the stream ends and the message is not complete.
    const cut = Object.assign(Readable.from([files.pdf(`cut ${randomUUID()}`)]), {
      headers: { 'content-type': 'application/pdf', 'content-disposition': disposition('cut.pdf') },
      complete: false,
    }) as unknown as IncomingMessage;
    await expect(uploadEvidence(cut, { unitId: CENTRE, userId: 'x' }, new PostgresEvidenceStorage(t.ledger.pool), 50)).rejects.toThrow(
      'body: the upload ended before the whole file arrived; nothing was stored',
    );
    expect([await rowCount('evidence_files'), await rowCount('evidence_chunks'), await rowCount('evidence_uploads')]).toEqual(before);
  });

  it('a missing file name → 400 naming Content-Disposition', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/v1/evidence')
      .set('Authorization', `Bearer ${await t.keyFor(CENTRE)}`)
      .set('Content-Type', 'application/pdf')
      .send(files.pdf());
    expect(res.status).toBe(400);
    expect(res.body.message[0]).toMatch(/^Content-Disposition: is required/);
  });

  it('no API key → 401', async () => {
    const res = await request(t.app.getHttpServer()).post('/v1/evidence').set('Content-Type', 'application/pdf').send(files.pdf());
    expect(res.status).toBe(401);
  });
});

describe('references and the read policy', () => {
  it('an append naming a file never uploaded is refused naming the entry, and stores nothing', async () => {
    const head = await t.head();
    const unknown = 'f'.repeat(64);
    const res = await (await t.as(CENTRE)).post('/v1/events', [spotCheck(HB, [{ kind: 'url', ref: 'https://example.org' }]), spotCheck(HB, [{ kind: 'url', ref: 'x' }, fileEvidence(unknown)])]);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([`events[1].evidence[1].sha256: no uploaded file ${unknown} that you may use: upload it first with POST /v1/evidence`]);
    expect(await t.head()).toBe(head);
  });

  it('a file entry needs its sha256', async () => {
    const res = await (await t.as(CENTRE)).post('/v1/events', spotCheck(HB, [{ kind: 'file', ref: '记录.pdf' }]));
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['events[0].evidence[0].sha256: is required for a file']);
  });

  it("another unit's upload nobody referenced is refused in the same words as an unknown one, and cannot be downloaded", async () => {
    const bytes = files.pdf(`开元 ${randomUUID()}`);
    const up = await upload(KY, bytes, 'application/pdf', '开元内部.pdf');
    expect(up.status).toBe(201);
    const head = await t.head();
    const refused = await (await t.as(CENTRE)).post('/v1/events', spotCheck(HB, [fileEvidence(up.body.sha256)]));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual([`events[0].evidence[0].sha256: no uploaded file ${up.body.sha256} that you may use: upload it first with POST /v1/evidence`]);
    expect(await t.head()).toBe(head);
    for (const unitId of [CENTRE, HB, GOV]) expect((await download(unitId, up.body.sha256)).status).toBe(404);
    expect((await download(KY, up.body.sha256)).status).toBe(200);
  });

  it("a street cannot download another street's evidence; the lead of the indicator and 区政府办 can; a lead of another part cannot", async () => {
    const bytes = files.jpeg(`开元窗口 ${randomUUID()}`);
    const up = await upload(CENTRE, bytes, 'image/jpeg', '开元窗口.jpg');
    const appended = await (await t.as(CENTRE)).post('/v1/events', spotCheck(KY, [fileEvidence(up.body.sha256)]));
    expect(appended.status).toBe(201);
    const status = async (unitId: string) => (await download(unitId, up.body.sha256)).status;
    expect(await status(HB)).toBe(404);
    expect(await status(LETTERS)).toBe(404);
    expect(await status(KY)).toBe(200);
    expect(await status(GOV)).toBe(200);
    expect(await status(CENTRE)).toBe(200);
    const notFound = await download(HB, up.body.sha256);
    const unknown = await download(HB, 'e'.repeat(64));
    expect(JSON.parse(notFound.body.toString()).message[0]).toMatch(/^sha256: no file [0-9a-f]{64} that you may read$/);
    expect(JSON.parse(unknown.body.toString()).message[0]).toMatch(/^sha256: no file [0-9a-f]{64} that you may read$/);
  });

  it("a street may cite in its own dispute a file it may read, but not another street's", async () => {
    const own = await upload(CENTRE, files.png([5, 5, 5]), 'image/png', '海滨截图.png');
    const finding = spotCheck(HB, [fileEvidence(own.body.sha256)]);
    expect((await (await t.as(CENTRE)).post('/v1/events', finding)).status).toBe(201);
    const other = await upload(CENTRE, files.png([6, 6, 6]), 'image/png', '开元截图.png');
    expect((await (await t.as(CENTRE)).post('/v1/events', spotCheck(KY, [fileEvidence(other.body.sha256)]))).status).toBe(201);
    const dispute = (hash: string) => ({
      type: 'DisputeFiled',
      occurredAt: '2017-10-20T10:00:00+08:00',
      evidence: [fileEvidence(hash)],
      data: { unitId: HB, disputeId: `D-${randomUUID()}`, findingEventIds: [finding.eventId], grounds: '材料齐全' },
    });
    expect((await (await t.as(HB)).post('/v1/events', dispute(own.body.sha256))).status).toBe(201);
    const refused = await (await t.as(HB)).post('/v1/events', dispute(other.body.sha256));
    expect(refused.status).toBe(400);
    expect(refused.body.message[0]).toMatch(/^events\[0\]\.evidence\[0\]\.sha256: no uploaded file/);
  });
});

describe('OpenAPI', () => {
  it('describes the raw-body upload (media types, the file-name header) and the streamed download', async () => {
    const doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    const post = doc.paths['/v1/evidence'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(expect.arrayContaining(['application/pdf', 'application/ofd', 'image/jpeg', 'text/csv', 'application/zip']));
    expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Content-Disposition', in: 'header', required: true })]));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '413']));
    expect(doc.paths['/v1/evidence/{sha256}'].get.responses['404']).toBeDefined();
  });
});

describe('append-only storage', () => {
  it('the application role can neither change nor delete a stored file; the owner is stopped by the trigger', async () => {
    const up = await upload(CENTRE, files.txt(`不可改 ${randomUUID()}`), 'text/plain', '不可改.txt');
    for (const sql of [
      `UPDATE evidence_chunks SET data = 'x' WHERE content_id = (SELECT content_id FROM evidence_files WHERE sha256 = '${up.body.sha256}')`,
      `DELETE FROM evidence_files WHERE sha256 = '${up.body.sha256}'`,
      `UPDATE evidence_uploads SET file_name = 'y' WHERE sha256 = '${up.body.sha256}'`,
    ]) {
      await expect(t.ledger.pool.query(sql)).rejects.toThrow(/permission denied/);
    }
    const owner = new pg.Client({ connectionString: t.db.url });
    await owner.connect();
    try {
      await expect(owner.query(`DELETE FROM evidence_files WHERE sha256 = '${up.body.sha256}'`)).rejects.toThrow(/append-only: DELETE on evidence_files is refused/);
      await expect(owner.query('TRUNCATE evidence_chunks')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});
