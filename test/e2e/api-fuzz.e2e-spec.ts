// Property-based fuzzing of the HTTP API (issue 10): 2,000 generated requests built from the bad-input classes that
// once gave 500 (NUL, lone surrogates, reserved keys, huge numbers, impossible dates, wrong types) mixed into valid
// shapes of every route. No answer may be a 5xx, and after every 4xx the ledger head must not have moved.
import fc from 'fast-check';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const RUNS = 2000;
const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\n\r', '"', '${x}', '<script>', '2017-06-30T24:00:00+08:00', '2017-02-30T10:00:00+08:00', ''),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const hostileNumber = fc.oneof(fc.integer(), fc.constantFrom(2 ** 31, 2 ** 53, 1e20, -1, 0.5, Number.MAX_SAFE_INTEGER), fc.double({ noNaN: true }));
const instant = fc.oneof(
  fc.constantFrom('2017-10-05T09:30:00+08:00', '2017-06-30T24:00:00+08:00', '2017-02-30T10:00:00+08:00', '2017-06-30T10:00:00+16:00', '0000-01-01T00:00:00Z', '2017-12-31T23:59:59.999+08:00'),
  hostileText,
);
const value = fc.oneof(hostileText, hostileNumber, instant, fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}));
const reservedKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'unitId', 'indicator', 'x\u0000');
const types = fc.constantFrom('SpotCheckRecorded', 'MetricMeasured', 'TaskIncompleteFound', 'DisputeFiled', 'DisputeResolved', 'FindingRetracted', 'UnitRegistered', 'OutageStarted', 'Nope', '');
const event = fc.record(
  {
    type: types,
    occurredAt: instant,
    evidence: fc.oneof(fc.constant([{ kind: 'url', ref: 'https://e.org' }]), fc.array(fc.record({ kind: hostileText, ref: hostileText }), { maxLength: 2 })),
    data: fc.oneof(
      fc.record({ unitId: fc.oneof(fc.constant('haibin-street'), hostileText), indicator: fc.oneof(fc.constant('3.5'), hostileText), outcome: fc.constantFrom('pass', 'fail'), subject: hostileText, note: hostileText }),
      fc.dictionary(reservedKey, value, { maxKeys: 3 }),
    ),
    expectedRevision: hostileNumber,
  },
  { requiredKeys: ['type', 'occurredAt', 'data'] },
);
const queryValue = fc.oneof(hostileText, hostileNumber.map(String), instant);
const request = fc.oneof(
  fc.record({ method: fc.constant('POST' as const), path: fc.constant('/v1/events'), body: fc.oneof(event, fc.array(event, { maxLength: 3 }), fc.record({ events: fc.array(event, { maxLength: 2 }), expectedRevisions: fc.dictionary(hostileText, hostileNumber, { maxKeys: 2 }) })) }),
  fc.record({ method: fc.constant('POST' as const), path: fc.constant('/v1/results'), body: fc.record({ assessmentId: hostileText, asOf: instant, knownAt: instant, occurredAt: instant }, { requiredKeys: [] }) }),
  fc.record({
    method: fc.constant('GET' as const),
    path: fc
      .tuple(fc.constantFrom('/v1/events', '/v1/scores', '/v1/rankings', '/v1/disputes', '/v1/units', '/v1/units/haibin-street/timeline'), fc.dictionary(fc.oneof(fc.constantFrom('unitId', 'asOf', 'knownAt', 'after', 'limit', 'offset', 'from', 'to', 'status', 'type'), reservedKey), queryValue, { maxKeys: 3 }))
      .map(([p, q]) => `${p}?${new URLSearchParams(q as Record<string, string>).toString()}`),
    body: fc.constant(undefined),
  }),
);

describe('API fuzzing (fast-check)', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('api_fuzz');
    await (await t.as('gov-office')).post('/v1/events', { type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } }).expect(201);
  });
  afterAll(() => t.close());

  it(`never answers 5xx, and a 4xx leaves the head where it was (${RUNS} requests)`, async () => {
    const centre = await t.as('admin-service-centre');
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const head = await t.head();
        const res = req.method === 'POST' ? await centre.post(req.path, req.body) : await centre.get(req.path);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await t.head()).toBe(head);
      }),
      { numRuns: RUNS },
    );
    console.log(`[fuzz] ${RUNS} requests by status: ${JSON.stringify(statuses)}`);
  }, 240_000);
});
