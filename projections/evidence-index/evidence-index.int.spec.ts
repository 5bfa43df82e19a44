import type { StoredEvent } from '../../events/index.js';
import { Projector } from '../projector/projector.js';
import { rebuildProjections } from '../projector/rebuild.js';
import { appendAll, applyDirectly, openTestBed, snapshot, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { HAIBIN, KAIYUAN, scenario } from '../testing/scenario.js';
import { evidenceIndexProjection } from './evidence-index.projection.js';
import { findLinks, findTrail } from './evidence-index.query.js';

describe('evidence index projection (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let stored: StoredEvent[];
  let ids: ReturnType<typeof scenario>['ids'];
  const projections = [evidenceIndexProjection];

  beforeAll(async () => {
    bed = await openTestBed('evidence_index');
    const built = scenario();
    ids = built.ids;
    stored = await appendAll(bed.store, built.events);
    // Small batches so retractions and disputes meet their findings across batch boundaries.
    const projector = new Projector({ store: bed.store, pool: bed.pool, projections }, { batchSize: 4 });
    await projector.start();
    try {
      await projector.waitFor(stored[stored.length - 1].position, 10_000);
    } finally {
      await projector.stop();
    }
  });
  afterAll(() => bed?.close());

  it('indexes one row per event, with the indicator implied by the type or the retracted finding', async () => {
    const page = await findTrail(bed.pool, { limit: 100 });
    expect(page.rows.map((r) => r.position)).toEqual(stored.map((e) => e.position));
    const byId = new Map(page.rows.map((r) => [r.eventId, r]));
    expect(byId.get(ids.batch)?.indicator).toBe('2.1');
    expect(byId.get(ids.outageStart)?.indicator).toBe('4.3');
    expect(byId.get(ids.outageRepair)?.indicator).toBe('4.3');
    expect(byId.get(ids.spotFail)?.indicator).toBe('3.5');
    expect(byId.get(ids.retraction)).toMatchObject({ indicator: '3.2', type: 'FindingRetracted', refersTo: [ids.metric], unitId: HAIBIN });
    expect(byId.get(ids.disputeFiled)).toMatchObject({ indicator: null, disputeId: 'd-1', actorUnitId: HAIBIN });
    expect(page.rows[0]).toMatchObject({ type: 'AssessmentOpened', unitId: null });
  });

  it('marks retracted, disputed and overturned findings', async () => {
    const { rows } = await findTrail(bed.pool, { limit: 100 });
    const byId = new Map(rows.map((r) => [r.eventId, r]));
    expect(byId.get(ids.metric)).toMatchObject({ retractedByEventId: ids.retraction, retractedAt: '2017-12-01T01:00:00.000Z' });
    expect(byId.get(ids.spotFail)).toMatchObject({ disputeIds: ['d-1'], disputed: true, overturned: true, overturnedByEventId: ids.disputeResolved });
    expect(byId.get(ids.spotFail2)).toMatchObject({ disputeIds: [], disputed: false, overturned: false, retractedByEventId: null });
    // Kaiyuan reuses the dispute id "d-1": dispute ids are per unit, and its dispute was upheld.
    expect(byId.get(ids.kaiyuanSpot)).toMatchObject({ disputeIds: ['d-1'], disputed: true, overturned: false });
  });

  it('filters the trail by unit, indicator, type, valid time and who reads, and pages by position', async () => {
    // A dispute and its resolution are about the indicators of the findings the dispute names (as GET /v1/events says).
    const haibin35 = await findTrail(bed.pool, { unitId: HAIBIN, indicator: '3.5', limit: 10 });
    expect(haibin35.rows.map((r) => r.eventId)).toEqual([ids.spotFail, ids.spotFail2, ids.disputeFiled, ids.disputeResolved]);
    expect(haibin35.rows.map((r) => r.indicators)).toEqual([['3.5'], ['3.5'], ['3.5'], ['3.5']]);
    const disputes = await findTrail(bed.pool, { type: 'DisputeFiled', limit: 10 });
    expect(disputes.rows.map((r) => r.unitId)).toEqual([HAIBIN, KAIYUAN]);
    const october = await findTrail(bed.pool, { unitId: HAIBIN, from: '2017-10-01T00:00:00+08:00', to: '2017-10-31T23:59:59.999+08:00', limit: 10 });
    expect(october.rows.map((r) => r.eventId)).toEqual([ids.spotFail, ids.spotFail2, ids.disputeFiled, ids.disputeResolved]);
    // The lead of 2.1 reads Haibin's rows about 2.1 only; Haibin reads all of its own.
    const lead = await findTrail(bed.pool, { unitId: HAIBIN, readableBy: { ownUnit: 'gov-office', ledIndicators: ['2.1'] }, limit: 100 });
    expect(lead.rows.length).toBeGreaterThan(0);
    expect(lead.rows.every((r) => r.indicators.includes('2.1'))).toBe(true);
    const own = await findTrail(bed.pool, { unitId: HAIBIN, readableBy: { ownUnit: HAIBIN, ledIndicators: [] }, limit: 100 });
    expect(own.rows).toEqual((await findTrail(bed.pool, { unitId: HAIBIN, limit: 100 })).rows);
    const other = await findTrail(bed.pool, { unitId: HAIBIN, readableBy: { ownUnit: KAIYUAN, ledIndicators: [] }, limit: 100 });
    expect(other.rows).toEqual([]);

    const first = await findTrail(bed.pool, { limit: 5 });
    expect(first.rows).toHaveLength(5);
    expect(first.nextAfterPosition).toBe(first.rows[4].position);
    const rest = await findTrail(bed.pool, { limit: 100, afterPosition: first.nextAfterPosition ?? 0 });
    expect([...first.rows, ...rest.rows].map((r) => r.position)).toEqual(stored.map((e) => e.position));
    expect(rest.nextAfterPosition).toBeNull();
  });

  it('links a finding to its disputes, their resolution and its retraction, and back', async () => {
    const finding = await findLinks(bed.pool, ids.spotFail);
    expect(finding?.disputes).toEqual([
      { disputeId: 'd-1', filed: expect.objectContaining({ eventId: ids.disputeFiled }), resolved: expect.objectContaining({ eventId: ids.disputeResolved }) },
    ]);
    expect(finding?.retraction).toBeNull();
    const metric = await findLinks(bed.pool, ids.metric);
    expect(metric?.retraction?.eventId).toBe(ids.retraction);
    const dispute = await findLinks(bed.pool, ids.disputeFiled);
    expect(dispute?.findings.map((f) => f.eventId)).toEqual([ids.spotFail]);
    const resolution = await findLinks(bed.pool, ids.disputeResolved);
    expect(resolution?.findings.map((f) => f.eventId)).toEqual([ids.spotFail]);
    expect(await findLinks(bed.pool, '00000000-0000-4000-8000-999999999999')).toBeNull();
  });

  it('the same event twice changes nothing', async () => {
    const before = await snapshot(bed.pool, 'evidence_index');
    await applyDirectly(bed, evidenceIndexProjection, stored);
    await applyDirectly(bed, evidenceIndexProjection, [stored[9], stored[9], stored[10], stored[11]]);
    expect(await snapshot(bed.pool, 'evidence_index')).toEqual(before);
  });

  it('a rebuild from zero gives the same rows', async () => {
    const incremental = await snapshot(bed.pool, 'evidence_index');
    const report = await rebuildProjections({ store: bed.store, pool: bed.pool, projections }, { batchSize: 3 });
    expect(report.events).toBe(stored.length);
    expect(await snapshot(bed.pool, 'evidence_index')).toEqual(incremental);
  });
});
