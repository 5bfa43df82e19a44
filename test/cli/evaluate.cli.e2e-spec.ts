// `ledger evaluate` through the built CLI: the 8 worked examples of rulebook-2017.md, time zones, time travel,
// and every bad input of events.md §2 refused with its line number, a non-zero exit and nothing on stdout.
import { buildCli, FIXTURES, ndjson, readFixture, runCli } from './cli.harness.js';
import { join } from 'node:path';

const KNOWN_AT = '2018-01-05T00:00:00+08:00';
const UNIT = 'haibin-street';

interface Scores {
  rulebook: string;
  asOf: string;
  knownAt: string;
  units: Array<{ unitId: string; overall: number; parts: Record<string, number>; indicators: Record<string, { score: number; max: number; status: string; trace: Array<{ eventIds: string[] }> }> }>;
}

async function scores(args: string[]): Promise<Scores> {
  const run = await runCli(['evaluate', '--known-at', KNOWN_AT, ...args]);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Scores;
}

async function unitOf(file: string, extra: string[] = []) {
  const result = await scores(['--events', file, ...extra]);
  const unit = result.units.find((u) => u.unitId === UNIT);
  if (!unit) throw new Error(`no ${UNIT} in ${result.units.map((u) => u.unitId).join(', ')}`);
  return unit;
}

const fixture = (name: string) => join(FIXTURES, name);
const score = (unit: Awaited<ReturnType<typeof unitOf>>, id: string) => unit.indicators[id]!.score;
const ALL_100 = { 1: 100, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100 };

// Built while the file is collected rather than in beforeAll: Jest starts concurrent tests before beforeAll hooks.
buildCli();

describe('ledger evaluate: the worked examples of rulebook-2017.md', () => {
  it('1. no findings, every earned indicator at 100% or met: every part 100, overall 100', async () => {
    const unit = await unitOf(fixture('01-full-marks.ndjson'));
    expect(unit.parts).toEqual(ALL_100);
    expect(unit.overall).toBe(100);
    for (const [id, indicator] of Object.entries(unit.indicators)) {
      expect([id, indicator.score]).toEqual([id, indicator.max]);
    }
  });

  it('2. batch 2 published 2017-08-03: 2.1 = 50 − 50/3 = 33.33, part 2 = 83.33', async () => {
    const unit = await unitOf(fixture('02-batch-2-late.ndjson'));
    expect(score(unit, '2.1')).toBe(33.33);
    expect(unit.parts['2']).toBe(83.33);
    expect(unit.overall).toBe(97.22);
    expect(unit.indicators['2.1']!.trace.flatMap((t) => t.eventIds)).toContain('00000002-0000-4000-8000-000000000002');
  });

  it('3. 2.2 with 130 of 200 items: p = 65 → 35', async () => {
    const unit = await unitOf(fixture('03-two-trip-share-65.ndjson'));
    expect(score(unit, '2.2')).toBe(35);
    expect(unit.parts['2']).toBe(85);
  });

  it('4. outages of 1 h, 5 h and 30 h, all repaired: 4.3 = 20 − 0 − 2 − 4 = 14', async () => {
    const unit = await unitOf(fixture('04-outages-1h-5h-30h.ndjson'));
    expect(score(unit, '4.3')).toBe(14);
    expect(unit.parts['4']).toBe(94);
  });

  it('5. satisfaction 90%: 5.2 = 30; closure-reply 97%: 5.1 = 47', async () => {
    const unit = await unitOf(fixture('05-satisfaction-90-closure-97.ndjson'));
    expect(score(unit, '5.2')).toBe(30);
    expect(score(unit, '5.1')).toBe(47);
    expect(unit.parts['5']).toBe(77);
    expect(unit.overall).toBe(96.17);
  });

  it('6. 3.9 with a = 94, b = 80, c = 79.9: 2 + 4 + 0 = 6', async () => {
    const unit = await unitOf(fixture('06-accuracy-94-80-79_9.ndjson'));
    expect([score(unit, '3.9a'), score(unit, '3.9b'), score(unit, '3.9c')]).toEqual([2, 4, 0]);
    // 115 − 4 is still above the cap of 100.
    expect(unit.parts['3']).toBe(100);
  });

  it('7. part 3 all at maximum (115 before the cap) with two 3.8 occurrences: min(100, 115) − 6 = 94', async () => {
    const unit = await unitOf(fixture('07-part-3-two-penalties.ndjson'));
    expect(unit.parts['3']).toBe(94);
    expect(unit.overall).toBe(99);
  });

  it('8. 6.1 with 41 failed spot checks: 20 − 20.5 → 0 (floor)', async () => {
    const unit = await unitOf(fixture('08-41-failed-licence-checks.ndjson'));
    expect(score(unit, '6.1')).toBe(0);
    expect(unit.parts['6']).toBe(80);
  });
});

describe('ledger evaluate: time', () => {
  const toUtc = (line: Record<string, unknown>) => ({ ...line, occurredAt: new Date(Date.parse(line.occurredAt as string)).toISOString() });

  it.concurrent.each([
    '01-full-marks.ndjson',
    '02-batch-2-late.ndjson',
    '03-two-trip-share-65.ndjson',
    '04-outages-1h-5h-30h.ndjson',
    '05-satisfaction-90-closure-97.ndjson',
    '06-accuracy-94-80-79_9.ndjson',
    '07-part-3-two-penalties.ndjson',
    '08-41-failed-licence-checks.ndjson',
  ])('gives the same output for %s written in UTC as in +08:00', async (name) => {
    const utc = ndjson(readFixture(name).map(toUtc));
    const [local, shifted] = await Promise.all([runCli(['evaluate', '--events', fixture(name), '--known-at', KNOWN_AT]), runCli(['evaluate', '--events', utc, '--known-at', '2018-01-04T16:00:00Z'])]);
    expect(shifted.code).toBe(0);
    expect(shifted.stdout).toBe(local.stdout);
  });

  it('judges a deadline by Asia/Shanghai calendar days whatever offset the input uses (I-DEADLINE)', async () => {
    const lines = readFixture('01-full-marks.ndjson');
    const batch2 = (at: string) => ndjson(lines.map((l) => ((l.data as { batch?: number }).batch === 2 ? { ...l, occurredAt: at } : l)));
    expect(score(await unitOf(batch2('2017-07-31T15:59:59Z')), '2.1')).toBe(50);
    expect(score(await unitOf(batch2('2017-07-31T16:00:00Z')), '2.1')).toBe(33.33);
  });

  it('defaults --as-of to the end of the assessment year and echoes --known-at', async () => {
    const result = await scores(['--events', fixture('01-full-marks.ndjson')]);
    expect(result.rulebook).toBe('lc-2017');
    expect(Date.parse(result.asOf)).toBe(Date.parse('2017-12-31T23:59:59.999+08:00'));
    expect(Date.parse(result.knownAt)).toBe(Date.parse(KNOWN_AT));
  });

  it('defaults --known-at to now', async () => {
    const before = Date.now();
    const run = await runCli(['evaluate', '--events', fixture('01-full-marks.ndjson')]);
    const knownAt = Date.parse((JSON.parse(run.stdout) as Scores).knownAt);
    expect(knownAt).toBeGreaterThanOrEqual(before - 1000);
    expect(knownAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers for an earlier --as-of: batch 2 not yet due costs nothing, once overdue it does', async () => {
    const file = fixture('02-batch-2-late.ndjson');
    expect(score(await unitOf(file, ['--as-of', '2017-07-15T00:00:00+08:00']), '2.1')).toBe(50);
    expect(score(await unitOf(file, ['--as-of', '2017-08-01T12:00:00+08:00']), '2.1')).toBe(33.33);
  });

  it('ignores events recorded after --known-at (recordedAt defaults to occurredAt)', async () => {
    const lines = readFixture('03-two-trip-share-65.ndjson');
    const corrected = { ...lines.find((l) => (l.data as { indicator?: string }).indicator === '2.2')!, eventId: '00000009-0000-4000-8000-000000000001', occurredAt: '2017-12-20T10:00:00+08:00', recordedAt: '2018-01-10T09:00:00+08:00', data: { unitId: UNIT, indicator: '2.2', numerator: 200, denominator: 200 } };
    const file = ndjson([...lines, corrected]);
    expect(score(await unitOf(file), '2.2')).toBe(35);
    expect(score(await unitOf(file, ['--known-at', '2018-01-11T00:00:00+08:00']), '2.2')).toBe(50);
  });

  it('--unit limits the output to one unit', async () => {
    const result = await scores(['--events', fixture('01-full-marks.ndjson'), '--unit', UNIT]);
    expect(result.units.map((u) => u.unitId)).toEqual([UNIT]);
  });
});

describe('ledger evaluate: bad input is refused with its line number, exit 1 and nothing on stdout', () => {
  const base = readFixture('01-full-marks.ndjson'); // 23 lines; an appended line is line 24
  const NEXT = base.length + 1;
  const centre = { unitId: 'admin-service-centre', userId: 'inspector-07' };
  const gov = { unitId: 'gov-office', userId: 'clerk-01' };
  const econ = { unitId: 'economy-it-bureau', userId: 'engineer-03' };
  const evidence = [{ kind: 'system-record', ref: 'r' }];
  const spot = (data: Record<string, unknown>, actor: Record<string, string> = centre, occurredAt = '2017-10-05T09:30:00+08:00') => ({
    type: 'SpotCheckRecorded',
    schemaVersion: 1,
    occurredAt,
    actor,
    evidence,
    data: { unitId: UNIT, indicator: '3.5', outcome: 'fail', subject: '办件 1', note: '材料不齐全', ...data },
  });
  const outage = (type: string, occurredAt: string, outageId = 'o1') => ({
    type,
    schemaVersion: 1,
    occurredAt,
    actor: econ,
    evidence,
    data: type === 'OutageStarted' ? { unitId: UNIT, outageId, system: '闽政通' } : { unitId: UNIT, outageId },
  });

  const cases: Array<[string, Array<Record<string, unknown> | string>, number, string, RegExp]> = [
    ['an unknown type', [{ ...spot({}), type: 'ScoreEdited' }], NEXT, 'type', /unknown event type "ScoreEdited"/],
    ['an unknown indicator', [spot({ indicator: '3.99' })], NEXT, 'data.indicator', /unknown indicator "3\.99"/],
    ['an indicator the type does not feed', [spot({ indicator: '5.2' }, { unitId: 'letters-visits-bureau', userId: 'x' })], NEXT, 'data.indicator', /does not feed indicator 5\.2/],
    [
      'numerator > denominator',
      [{ type: 'MetricMeasured', schemaVersion: 1, occurredAt: '2017-12-16T10:00:00+08:00', actor: { unitId: 'letters-visits-bureau', userId: 'x' }, evidence, data: { unitId: UNIT, indicator: '5.2', numerator: 101, denominator: 100 } }],
      NEXT,
      'data.numerator',
      /must not exceed the denominator/,
    ],
    [
      'a retraction of an unknown event',
      [{ type: 'FindingRetracted', schemaVersion: 1, occurredAt: '2017-11-01T00:00:00+08:00', actor: centre, evidence, data: { unitId: UNIT, findingEventId: '99999999-0000-4000-8000-000000000000', reason: 'x' } }],
      NEXT,
      'data.findingEventId',
      /no finding 99999999-0000-4000-8000-000000000000 about unit "haibin-street" is in the ledger/,
    ],
    [
      'a dispute filed by another unit',
      [
        spot({}, centre, '2017-10-05T09:30:00+08:00'),
        { type: 'DisputeFiled', schemaVersion: 1, occurredAt: '2017-11-02T00:00:00+08:00', actor: { unitId: 'other-street', userId: 'x' }, evidence, data: { unitId: UNIT, disputeId: 'd1', findingEventIds: ['00000002-0000-4000-8000-000000000001'], grounds: 'g' } },
      ],
      NEXT + 1,
      'actor',
      /only unit "haibin-street" itself may append its DisputeFiled/,
    ],
    ['a finding about a unit no UnitRegistered introduced', [spot({ unitId: 'nowhere-street' })], NEXT, 'data.unitId', /unit "nowhere-street" was not introduced by a UnitRegistered event/],
    [
      'a DisputeResolved for an unknown dispute',
      [{ type: 'DisputeResolved', schemaVersion: 1, occurredAt: '2017-11-20T00:00:00+08:00', actor: gov, evidence, data: { unitId: UNIT, disputeId: 'd9', decision: 'overturned', note: '' } }],
      NEXT,
      'data.disputeId',
      /filed no dispute "d9"/,
    ],
    ['an OutageRepaired before its start', [outage('OutageStarted', '2017-06-01T09:00:00+08:00'), outage('OutageRepaired', '2017-06-01T00:59:59Z')], NEXT + 1, 'occurredAt', /before the outage started/],
    ['an OutageRepaired for an unknown outage', [outage('OutageRepaired', '2017-06-01T09:00:00+08:00', 'o9')], NEXT, 'data.outageId', /no outage "o9"/],
    ['occurredAt before the assessment year', [spot({}, centre, '2016-12-31T23:59:59+08:00')], NEXT, 'occurredAt', /outside the assessment year/],
    ['occurredAt after the assessment year', [spot({}, centre, '2017-12-31T16:00:00Z')], NEXT, 'occurredAt', /outside the assessment year/],
    ['an actor appending for an indicator it does not lead', [spot({}, econ)], NEXT, 'actor', /"economy-it-bureau" does not lead indicator 3\.5/],
    ['a UnitRegistered by someone other than the government office', [{ type: 'UnitRegistered', schemaVersion: 1, occurredAt: '2017-01-03T00:00:00+08:00', actor: centre, data: { unitId: 'x-street', name: 'x', kind: 'street' } }], NEXT, 'actor', /only gov-office may append UnitRegistered/],
    ['a line without actor', [{ ...spot({}), actor: undefined }], NEXT, 'actor', /is required/],
    ['a line that is not JSON', ['{"type": "SpotCheckRecorded",'], NEXT, '(line)', /is not valid JSON/],
    ['a bad shape (outcome)', [spot({ outcome: 'maybe' })], NEXT, 'data.outcome', /must be "pass" or "fail"/],
  ];

  it.concurrent.each(cases)('refuses %s', async (_name, extra, lineNumber, field, reason) => {
    const run = await runCli(['evaluate', '--events', ndjson([...base, ...extra]), '--known-at', KNOWN_AT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`line ${lineNumber}: ${field}: `)).toBe(true);
    expect(lines[0]).toMatch(reason);
  });

  it('reports every bad line in order, counting blank lines, and checks later lines as if bad ones were never appended', async () => {
    const file = ndjson([...base, '', spot({ indicator: '3.99' }), spot({}, econ), '   ', outage('OutageRepaired', '2017-06-01T09:00:00+08:00')]);
    const run = await runCli(['evaluate', '--events', file, '--known-at', KNOWN_AT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n').map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      `line ${NEXT + 1}: data.indicator`,
      `line ${NEXT + 2}: actor`,
      `line ${NEXT + 4}: data.outageId`,
    ]);
  });

  it('accepts ResultsPublished after the year and skips blank lines', async () => {
    const published = { type: 'ResultsPublished', schemaVersion: 1, occurredAt: '2018-01-05T10:00:00+08:00', actor: gov, data: { assessmentId: 'lc-2017', asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2018-01-05T00:00:00+08:00', ledgerPosition: 23, ledgerHash: 'a'.repeat(64), scoresSha256: 'b'.repeat(64) } };
    const run = await runCli(['evaluate', '--events', ndjson(['', ...base, '', published]), '--known-at', '2018-02-01T00:00:00+08:00']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('stores a repeated event id once, and refuses an id reused for a different event', async () => {
    const same = await unitOf(ndjson([...base, base[2]!]));
    expect(same.overall).toBe(100);
    const run = await runCli(['evaluate', '--events', ndjson([...base, { ...base[2]!, occurredAt: '2017-08-03T10:00:00+08:00' }]), '--known-at', KNOWN_AT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^line ${NEXT}: eventId: is already the id of an earlier, different event`));
  });
});

describe('ledger: usage', () => {
  it('prints help for the program and for evaluate', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/evaluate/);
    const help = await runCli(['evaluate', '--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/--events FILE/);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['evaluate'], /--events FILE is required/],
    [['evaluate', '--events', 'x.ndjson', '--as-of', '2017-11-30'], /--as-of must be an ISO 8601 date-time with an offset/],
    [['evaluate', '--events', 'x.ndjson', '--colour'], /Unknown option '--colour'/],
    [['evaluate', '--events', '/nonexistent/events.ndjson'], /cannot read \/nonexistent\/events\.ndjson/],
  ])('exits 2 with a message and nothing on stdout for %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
