// Rankings at any (asOf, knownAt) from the score step functions and their revisions equal a full fold of the ledger
// by the evaluator: at random pairs — most with knownAt before asOf, the case the revisions exist for — on a ledger
// recorded over the year (imported with its recordedAt) plus findings recorded late (live appends: recordedAt now,
// occurredAt in 2017), so units answer both from the steps (nothing of theirs recorded after knownAt) and from a
// revision.
// And the projector pattern: the same event twice changes nothing, a rebuild from zero gives the same rows.
import type { StoredEvent } from '../../../../events/index.js';
import { importIntoEmptyLedger } from '../../../event-store/src/postgres/import-events.js';
import { evaluate, formatInstant, getRulebook, type ScoresDocument } from '../../../rulebook/src/index.js';
import { createUnitScoreStepsProjection, Projector, rebuildProjections, scoresAtFromSteps, unitScoreStepsProjection } from '../../../../projections/index.js';
import { appendAll, applyDirectly, ledgerEvent, openTestBed, type ProjectionTestBed } from '../../../../projections/testing/projection-test-bed.js';
import { storedLedger } from '../../../../test/bench/support/ledger-data.js';
import { RankingsAt } from './rankings-at.js';

const rulebook = getRulebook('lc-2017');
const CENTRE = 'admin-service-centre';
const GOV = 'gov-office';

describe('rankings at any instant from the score step functions (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let projector: Projector;
  let service: RankingsAt;
  let resolvedAt = '';
  const projections = [unitScoreStepsProjection];
  const tables = async () => [
    (await bed.pool.query('SELECT * FROM unit_score_steps ORDER BY unit_id, from_ms')).rows,
    (await bed.pool.query('SELECT * FROM unit_score_revisions ORDER BY unit_id, known_ms')).rows,
  ];
  const allEvents = async (): Promise<StoredEvent[]> => bed.store.readAll({ after: 0, limit: 1_000_000 });

  beforeAll(async () => {
    bed = await openTestBed('rankings_at');
    const imported = [...storedLedger({ events: 1500, units: 6, seed: 3 })];
    await importIntoEmptyLedger(bed.pool, [imported]);
    // The projector's start builds the read model from zero (no checkpoint yet); what follows arrives live.
    projector = new Projector({ store: bed.store, pool: bed.pool, projections }, { batchSize: 40 });
    await projector.start();
    const finding = imported.find((e) => e.type === 'TaskIncompleteFound' && (e.data as { unitId: string }).unitId === 'unit-0002') as StoredEvent;
    const late = await appendAll(bed.store, [
      ledgerEvent('SpotCheckRecorded', { unitId: 'unit-0001', indicator: '3.5', outcome: 'fail', subject: '办件 1', note: '未告知' }, CENTRE, '2017-03-05T09:30:00+08:00'),
      ledgerEvent('FindingRetracted', { unitId: 'unit-0002', findingEventId: finding.eventId, reason: '记录有误' }, CENTRE, '2017-12-20T09:00:00+08:00'),
      ledgerEvent('UnitRegistered', { unitId: 'late-street', name: '迟到街道', kind: 'street' }, GOV, '2017-01-03T09:00:00+08:00'),
      ledgerEvent('SpotCheckRecorded', { unitId: 'late-street', indicator: '3.5', outcome: 'fail', subject: '办件 2', note: '未告知' }, CENTRE, '2017-06-01T09:30:00+08:00'),
    ]);
    // Out of order, as only a ledger that skipped decide can hold: a dispute overturned before it is filed. At a knownAt
    // between the two, the filing (recorded later, occurred after asOf) still changes the unit's scores by asOf.
    const earlier = imported.find((e) => e.type === 'TaskIncompleteFound' && (e.data as { unitId: string }).unitId === 'unit-0003' && e.occurredAt < '2017-05') as StoredEvent;
    const [resolution] = await appendAll(bed.store, [
      ledgerEvent('DisputeResolved', { unitId: 'unit-0003', disputeId: 'late-d', decision: 'overturned', note: '复核' }, GOV, '2017-05-01T09:00:00+08:00'),
    ]);
    resolvedAt = resolution.recordedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    late.push(
      ...(await appendAll(bed.store, [
        ledgerEvent('DisputeFiled', { unitId: 'unit-0003', disputeId: 'late-d', findingEventIds: [earlier.eventId], grounds: '已完成' }, 'unit-0003', '2017-06-01T09:00:00+08:00'),
      ])),
    );
    await projector.waitFor(late[late.length - 1].position, 20_000);
    service = new RankingsAt(bed.pool, bed.store, rulebook);
  });

  afterAll(async () => {
    await projector?.stop();
    await bed?.close();
  });

  // "Not known yet" (docs/scores.md): before the ledger's first event was recorded there are no units at all, as
  // GET /v1/scores and /v1/rankings both answer; the evaluator alone would still list the lead units.
  const expected = (doc: ScoresDocument, events: StoredEvent[]) => ({
    asOf: doc.asOf,
    knownAt: doc.knownAt,
    units: events.some((e) => Date.parse(e.recordedAt) <= Date.parse(doc.knownAt)) ? doc.units.map((u) => ({ unitId: u.unitId, overall: u.overall, parts: u.parts })) : [],
  });

  it('equals a full fold at random (asOf, knownAt) pairs, knownAt omitted (now) included', async () => {
    const events = await allEvents();
    let seed = 2024;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const between = (from: string, to: string) => formatInstant(Date.parse(from) + Math.floor(random() * (Date.parse(to) - Date.parse(from))), 480);
    const DAY = 86_400_000;
    // Both paths must have answered: units from their steps, and units from a revision.
    let fromSteps = 0;
    let fromRevisions = 0;
    let knownBefore = 0;
    for (let i = 0; i < 90; i += 1) {
      const asOf = between('2016-12-20T00:00:00Z', '2018-01-10T00:00:00Z');
      const asOfMs = Date.parse(asOf);
      // Two in three: knownAt before asOf (up to an hour, a week or ten weeks); else after it, anywhere, or now.
      const knownAt =
        i % 3 === 0
          ? [undefined, between('2016-12-20T00:00:00Z', '2018-03-01T00:00:00Z'), formatInstant(asOfMs + Math.floor(random() * 90 * DAY), 480)][i % 9 / 3]
          : formatInstant(asOfMs - Math.floor(random() * [3_600_000, 7 * DAY, 70 * DAY][i % 3 === 1 ? (i >> 1) % 3 : i % 3]), 480);
      const actual = await service.scoresAt(asOf, knownAt);
      expect(actual).toEqual(expected(evaluate(events, { rulebook, asOf, knownAt: actual.knownAt }), events));
      if (Date.parse(actual.knownAt) < asOfMs) knownBefore += 1;
      const paths = await scoresAtFromSteps(bed.pool, asOfMs, Date.parse(actual.knownAt));
      fromSteps += paths.units.length - paths.fromRevisions;
      fromRevisions += paths.fromRevisions;
    }
    expect(knownBefore).toBeGreaterThanOrEqual(55);
    expect(fromSteps).toBeGreaterThan(30);
    expect(fromRevisions).toBeGreaterThan(100);
    // A late-recorded unit is not assessed as known before it was recorded, and is once it is.
    const before = await service.scoresAt('2017-12-31T00:00:00+08:00', '2018-01-05T00:00:00+08:00');
    expect(before.units.map((u) => u.unitId)).not.toContain('late-street');
    expect((await service.scoresAt('2017-12-31T00:00:00+08:00', undefined)).units.map((u) => u.unitId)).toContain('late-street');
  });

  it('equals a full fold at each recordedAt of a unit, a millisecond before it and at it, for asOf just after', async () => {
    const events = await allEvents();
    const ofUnit = events.filter((e) => (e.data as { unitId?: string }).unitId === 'unit-0004').slice(0, 400);
    for (const event of ofUnit.filter((_, i) => i % 20 === 0)) {
      for (const knownAtMs of [Date.parse(event.recordedAt) - 1, Date.parse(event.recordedAt)]) {
        const asOf = formatInstant(Date.parse(event.occurredAt) + 1, 480);
        const knownAt = formatInstant(knownAtMs, 480);
        expect(await service.scoresAt(asOf, knownAt)).toEqual(expected(evaluate(events, { rulebook, asOf, knownAt }), events));
      }
    }
  });

  it('answers for a unit whose dispute was overturned before it was filed, at a knownAt between the two', async () => {
    const events = await allEvents();
    for (const asOf of ['2017-05-15T00:00:00+08:00', '2017-12-31T00:00:00+08:00']) {
      const actual = await service.scoresAt(asOf, resolvedAt);
      expect(actual).toEqual(expected(evaluate(events, { rulebook, asOf, knownAt: resolvedAt }), events));
    }
  });

  it('the same event twice changes nothing', async () => {
    const before = await tables();
    const events = await allEvents();
    const last = events[events.length - 1].position;
    await applyDirectly(bed, unitScoreStepsProjection, events.slice(-30), { checkpoint: last });
    await applyDirectly(bed, unitScoreStepsProjection, [...events.slice(-6), ...events.slice(-6)], { checkpoint: last - 6 });
    expect(await tables()).toEqual(before);
  });

  it('a rebuild from zero gives the same rows, within a tight memory budget too', async () => {
    await projector.stop();
    const incremental = await tables();
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections }, { batchSize: 97 });
    expect(await tables()).toEqual(incremental);
    const tight = createUnitScoreStepsProjection({ rebuildEventsInMemory: 50 });
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections: [tight] }, { batchSize: 97 });
    expect(await tables()).toEqual(incremental);
  });
});
