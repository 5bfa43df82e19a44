import type { StoredEvent } from '../../events/index.js';
import { evaluate, getRulebook } from '../../libs/rulebook/src/index.js';
import { Projector } from '../projector/projector.js';
import { rebuildProjections } from '../projector/rebuild.js';
import { appendGenerated, generateLedger } from '../testing/ledger-generator.js';
import { appendAll, applyDirectly, ledgerEvent, openTestBed, snapshot, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { CENTRE, HAIBIN, scenario } from '../testing/scenario.js';
import { KNOWN_AT_ALL } from './unit-scores.evolve.js';
import { createUnitScoresProjection, unitScoresProjection } from './unit-scores.projection.js';
import { listUnits, rankings, unitIndicatorScores } from './unit-scores.query.js';

const rulebook = getRulebook('lc-2017');
const current = (events: StoredEvent[]) => evaluate(events, { rulebook, asOf: rulebook.year.to, knownAt: KNOWN_AT_ALL });

describe('unit scores projection (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let projector: Projector;
  const projections = [unitScoresProjection];
  const scoresTables = async () => [await snapshot(bed.pool, 'unit_scores'), await snapshot(bed.pool, 'unit_indicator_scores')];

  beforeAll(async () => {
    bed = await openTestBed('unit_scores');
    await appendAll(bed.store, scenario().events);
    // A few hundred generated events over other units, so batches touch several units at once.
    await appendGenerated(bed.store, generateLedger({ events: 400, units: 6, seed: 7, unitPrefix: 'gen' }), 50);
    projector = new Projector({ store: bed.store, pool: bed.pool, projections }, { batchSize: 64 });
    await projector.start();
    await projector.waitFor((await bed.store.head()).position, 20_000);
  });
  afterAll(async () => {
    await projector?.stop();
    await bed?.close();
  });

  const allEvents = async () => bed.store.readAll({ after: 0, limit: 1_000_000 });

  it('holds, for every unit, what the evaluator gives at the year end with everything known', async () => {
    const expected = current(await allEvents());
    const ranked = await rankings(bed.pool);
    expect(ranked).toHaveLength(expected.units.length);
    for (const unit of expected.units) {
      const row = ranked.find((r) => r.unitId === unit.unitId);
      expect(row).toMatchObject({ overall: unit.overall, parts: unit.parts });
      const indicators = await unitIndicatorScores(bed.pool, unit.unitId);
      expect(indicators).toEqual(
        Object.entries(unit.indicators).map(([indicator, s]) => ({ indicator, score: s.score, max: s.max, status: s.status })),
      );
    }
  });

  it('lists every unit, lead units included, and ranks by overall then unitId', async () => {
    const units = await listUnits(bed.pool);
    const ids = units.map((u) => u.unitId);
    for (const lead of rulebook.leadUnits) expect(units).toContainEqual({ unitId: lead.unitId, name: lead.name, kind: 'department' });
    expect(units).toContainEqual({ unitId: HAIBIN, name: '海滨街道', kind: 'street' });
    expect(ids).toContain('gen-0005');
    const ranked = await rankings(bed.pool);
    for (let i = 1; i < ranked.length; i += 1) {
      const [a, b] = [ranked[i - 1], ranked[i]];
      expect(a.overall > b.overall || (a.overall === b.overall && a.unitId < b.unitId)).toBe(true);
    }
    expect(ranked[0].rank).toBe(1);
  });

  it('re-evaluates a unit when a new finding about it arrives', async () => {
    const before = (await rankings(bed.pool)).find((r) => r.unitId === HAIBIN);
    const [spot] = await appendAll(bed.store, [
      ledgerEvent('SpotCheckRecorded', { unitId: HAIBIN, indicator: '6.1', outcome: 'fail', subject: '证照 9', note: '未生成' }, CENTRE, '2017-12-10T09:00:00+08:00'),
    ]);
    await projector.waitFor(spot.position, 10_000);
    const after = (await rankings(bed.pool)).find((r) => r.unitId === HAIBIN);
    expect(after?.asOfPosition).toBe(spot.position);
    expect(after?.parts['6']).toBeLessThan(before?.parts['6'] ?? 0);
    const expected = current(await allEvents()).units.find((u) => u.unitId === HAIBIN);
    expect(after).toMatchObject({ overall: expected?.overall, parts: expected?.parts });
  });

  it('the same event twice changes nothing', async () => {
    const before = await scoresTables();
    const events = await allEvents();
    const last = events[events.length - 1].position;
    // Fresh memory, as after a restart: the fold reloads up to the checkpoint and then sees events it already counts.
    await applyDirectly(bed, unitScoresProjection, events.slice(-20), { checkpoint: last });
    await applyDirectly(bed, unitScoresProjection, [...events.slice(-5), ...events.slice(-5)], { checkpoint: last - 5 });
    expect(await scoresTables()).toEqual(before);
  });

  it('a rebuild from zero gives the same rows', async () => {
    await projector.stop();
    const incremental = await scoresTables();
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections }, { batchSize: 37 });
    expect(await scoresTables()).toEqual(incremental);
    // Over its memory budget the rebuild drops units from its folds and re-reads them from the store at the end.
    const tight = createUnitScoresProjection({ rebuildEventsInMemory: 25, rebuildConcurrency: 3 });
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections: [tight] }, { batchSize: 37 });
    expect(await scoresTables()).toEqual(incremental);
  });
});
