import type { StoredEvent } from '../../events/index.js';
import { Projector } from '../projector/projector.js';
import { rebuildProjections } from '../projector/rebuild.js';
import { appendAll, applyDirectly, ledgerEvent, openTestBed, snapshot, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { GOV, HAIBIN, KAIYUAN, scenario } from '../testing/scenario.js';
import { disputesProjection } from './disputes.projection.js';
import { listDisputes } from './disputes.query.js';

describe('disputes projection (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let stored: StoredEvent[];
  let ids: ReturnType<typeof scenario>['ids'];
  let projector: Projector;
  const projections = [disputesProjection];

  beforeAll(async () => {
    bed = await openTestBed('disputes');
    const built = scenario();
    ids = built.ids;
    stored = await appendAll(bed.store, built.events);
    projector = new Projector({ store: bed.store, pool: bed.pool, projections }, { batchSize: 5 });
    await projector.start();
    await projector.waitFor(stored[stored.length - 1].position, 10_000);
  });
  afterAll(async () => {
    await projector?.stop();
    await bed?.close();
  });

  it('keeps one row per dispute with its status, decision and findings', async () => {
    const all = await listDisputes(bed.pool, { limit: 10 });
    expect(all.total).toBe(2);
    expect(all.rows).toEqual([
      expect.objectContaining({
        unitId: HAIBIN, disputeId: 'd-1', status: 'resolved', decision: 'overturned', findingEventIds: [ids.spotFail],
        filedEventId: ids.disputeFiled, filedAt: '2017-10-08T09:00:00.000+08:00', resolvedEventId: ids.disputeResolved, resolvedAt: '2017-10-20T09:00:00.000+08:00',
      }),
      expect.objectContaining({ unitId: KAIYUAN, disputeId: 'd-1', status: 'resolved', decision: 'upheld', findingEventIds: [ids.kaiyuanSpot] }),
    ]);
  });

  it('follows a new filing live, then its resolution, and filters by status and unit', async () => {
    const [filed] = await appendAll(bed.store, [
      ledgerEvent('DisputeFiled', { unitId: HAIBIN, disputeId: 'd-2', findingEventIds: [ids.spotFail2], grounds: '已告知' }, HAIBIN, '2017-10-09T09:00:00+08:00'),
    ]);
    await projector.waitFor(filed.position, 10_000);
    expect((await listDisputes(bed.pool, { status: 'open', limit: 10 })).rows.map((r) => [r.unitId, r.disputeId])).toEqual([[HAIBIN, 'd-2']]);
    expect((await listDisputes(bed.pool, { unitId: KAIYUAN, limit: 10 })).total).toBe(1);
    expect(await listDisputes(bed.pool, { limit: 1, offset: 1 })).toMatchObject({ total: 3, rows: [expect.objectContaining({ unitId: KAIYUAN })] });

    const [resolved] = await appendAll(bed.store, [
      ledgerEvent('DisputeResolved', { unitId: HAIBIN, disputeId: 'd-2', decision: 'upheld', note: '' }, GOV, '2017-10-30T09:00:00+08:00'),
    ]);
    await projector.waitFor(resolved.position, 10_000);
    expect((await listDisputes(bed.pool, { status: 'open', limit: 10 })).total).toBe(0);
    stored.push(filed, resolved);
  });

  it('the same event twice changes nothing', async () => {
    const before = await snapshot(bed.pool, 'disputes');
    await applyDirectly(bed, disputesProjection, stored);
    const filedAndResolved = stored.filter((e) => e.type.startsWith('Dispute'));
    await applyDirectly(bed, disputesProjection, [...filedAndResolved, ...filedAndResolved]);
    expect(await snapshot(bed.pool, 'disputes')).toEqual(before);
  });

  it('a rebuild from zero gives the same rows', async () => {
    await projector.stop();
    const incremental = await snapshot(bed.pool, 'disputes');
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections }, { batchSize: 2 });
    expect(await snapshot(bed.pool, 'disputes')).toEqual(incremental);
  });
});
