// "Not known yet" has one meaning: before anything was recorded (knownAt earlier than every recordedAt) there are no
// units; a unit not known at knownAt is a 404 for GET /v1/scores?unitId= and exit 1 for `ledger evaluate --unit`,
// with the same message; /v1/scores and /v1/rankings list no unit; /v1/rankings has one shape with and without times.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog } from '../../libs/event-store/src/read-log.js';
import { runCli } from '../cli/support/run-cli.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const BEFORE_ANYTHING = '2017-12-01T00:00:00+08:00';
const LATER = '2099-01-01T00:00:00+08:00';
const message = (unitId: string) => new RegExp(`^unitId: no unit "${unitId}" is known at 2017-12-01T00:00:00\\.000\\+08:00`);

describe('"not known yet" across the API and ledger evaluate', () => {
  let t: LedgerTestApp;
  let exportFile: string;
  beforeAll(async () => {
    t = await startLedgerTestApp('not_known_yet');
    // Recorded now (long after 2017-12-01), as a ledger started today would be.
    await (await t.as('gov-office'))
      .post('/v1/events', [
        { type: 'AssessmentOpened', occurredAt: '2017-01-03T09:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017' } },
        { type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } },
      ])
      .expect(201);
    const lines: string[] = [];
    for await (const batch of readLog(t.ledger.store)) for (const e of batch) lines.push(JSON.stringify(e));
    exportFile = join(mkdtempSync(join(tmpdir(), 'not-known-')), 'ledger.ndjson');
    writeFileSync(exportFile, lines.join('\n') + '\n');
  });
  afterAll(() => t.close());

  it('GET /v1/scores?unitId= answers 404 for a registered unit and for a lead unit before anything was recorded', async () => {
    const gov = await t.as('gov-office');
    for (const unitId of ['haibin-street', 'gov-office', 'nosuch-street']) {
      const res = await gov.get(`/v1/scores?unitId=${unitId}&knownAt=${encodeURIComponent(BEFORE_ANYTHING)}`).expect(404);
      expect(res.body.message).toEqual([expect.stringMatching(message(unitId))]);
    }
    await gov.get(`/v1/scores?unitId=haibin-street&knownAt=${encodeURIComponent(LATER)}`).expect(200);
  });

  it('GET /v1/scores and /v1/rankings list no unit before anything was recorded, and every unit after', async () => {
    const gov = await t.as('gov-office');
    const scores = await gov.get(`/v1/scores?knownAt=${encodeURIComponent(BEFORE_ANYTHING)}`).expect(200);
    expect(scores.body.units).toEqual([]);
    const ranked = await gov.get(`/v1/rankings?knownAt=${encodeURIComponent(BEFORE_ANYTHING)}`).expect(200);
    expect(ranked.body).toEqual({ asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2017-12-01T00:00:00.000+08:00', position: null, total: 0, limit: 100, nextAfter: null, units: [] });
    const later = await gov.get(`/v1/rankings?knownAt=${encodeURIComponent(LATER)}`).expect(200);
    expect(later.body.units.map((u: { unitId: string }) => u.unitId)).toContain('haibin-street');
  });

  it('GET /v1/scores (all units, full and summary) and /v1/rankings draw the line at the same instant: the first recordedAt', async () => {
    const gov = await t.as('gov-office');
    const [first] = await t.ledger.store.readAll({ after: 0, limit: 1 });
    const justBefore = new Date(Date.parse(first.recordedAt) - 1).toISOString();
    for (const [knownAt, listed] of [[justBefore, false], [first.recordedAt, true]] as const) {
      const q = `knownAt=${encodeURIComponent(knownAt)}`;
      const answers = await Promise.all([`/v1/scores?${q}`, `/v1/scores/summary?${q}`, `/v1/rankings?${q}`].map((path) => gov.get(path).expect(200)));
      for (const { body } of answers) {
        expect({ knownAt, units: body.units.length > 0 }).toEqual({ knownAt, units: listed });
        expect(body.total).toBe(body.units.length);
      }
    }
  });

  it('GET /v1/rankings answers one shape with and without asOf/knownAt', async () => {
    const gov = await t.as('gov-office');
    const current = await gov.get('/v1/rankings').expect(200);
    const folded = await gov.get(`/v1/rankings?knownAt=${encodeURIComponent(LATER)}`).expect(200);
    expect(Object.keys(current.body).sort()).toEqual(Object.keys(folded.body).sort());
    expect(Object.keys(current.body.units[0]).sort()).toEqual(Object.keys(folded.body.units[0]).sort());
    expect(current.body.units).toEqual(folded.body.units);
  });

  it('ledger evaluate --unit exits 1 with the same message, nothing on stdout; without --unit it lists no unit', async () => {
    const refused = await runCli(['evaluate', '--events', exportFile, '--known-at', BEFORE_ANYTHING, '--unit', 'haibin-street']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.replace(/^evaluate: /, '')).toMatch(message('haibin-street'));
    const nosuch = await runCli(['evaluate', '--events', exportFile, '--unit', 'nosuch-street']);
    expect(nosuch).toMatchObject({ code: 1, stdout: '' });
    const none = await runCli(['evaluate', '--events', exportFile, '--known-at', BEFORE_ANYTHING]);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).units).toEqual([]);
  });
});
