import { ALL_PROJECTIONS } from '../index.js';
import { appendGenerated, generateLedger } from '../testing/ledger-generator.js';
import { appendAll, ledgerEvent, openTestBed, snapshot, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { CENTRE, scenario } from '../testing/scenario.js';
import { readCheckpoints } from './checkpoints.js';
import type { Projection } from './projection.js';
import { Projector } from './projector.js';
import { rebuildProjections } from './rebuild.js';

const TABLES = ['evidence_index', 'disputes', 'unit_scores', 'unit_indicator_scores', 'projection_checkpoints'];

describe('Projector (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  const deps = () => ({ store: bed.store, pool: bed.pool, projections: ALL_PROJECTIONS });
  const everything = async () => Promise.all(TABLES.map((t) => snapshot(bed.pool, t)));
  const count = async (table: string) => Number((await bed.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    bed = await openTestBed('projector');
    await appendAll(bed.store, scenario().events);
  });
  afterAll(() => bed?.close());

  it('stopped in the middle of a bulk append, resumes from its checkpoint without doubling; rows equal a rebuild', async () => {
    const first = new Projector(deps(), { batchSize: 100 });
    await first.start();
    let stopping: Promise<void> | null = null;
    await appendGenerated(bed.store, generateLedger({ events: 3000, units: 25, seed: 11, unitPrefix: 'run' }), 100, (appended) => {
      if (appended === 1500) stopping = first.stop();
    });
    expect(stopping).not.toBeNull();
    await stopping;
    const head = (await bed.store.head()).position;

    // What the first run committed is consistent: exactly the events up to its checkpoint are indexed.
    const checkpoints = await readCheckpoints(bed.pool, ALL_PROJECTIONS.map((p) => p.name));
    const reached = checkpoints.get('evidence-index')?.position ?? 0;
    expect(reached).toBeLessThan(head);
    expect(await count('evidence_index')).toBe(reached);

    const second = new Projector(deps(), { batchSize: 100 });
    await second.start();
    try {
      await second.waitFor(head, 30_000);
    } finally {
      await second.stop();
    }
    expect(await count('evidence_index')).toBe(head);
    const resumed = await everything();
    await rebuildProjections(deps(), { batchSize: 500 });
    expect(await everything()).toEqual(resumed);
  });

  it('two projector processes at once neither double nor skip anything', async () => {
    const a = new Projector(deps(), { batchSize: 40 });
    const b = new Projector(deps(), { batchSize: 70 });
    await Promise.all([a.start(), b.start()]);
    try {
      await appendGenerated(bed.store, generateLedger({ events: 800, units: 10, seed: 12, unitPrefix: 'twin' }), 50);
      const head = (await bed.store.head()).position;
      await Promise.all([a.waitFor(head, 30_000), b.waitFor(head, 30_000)]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const live = await everything();
    await rebuildProjections(deps());
    expect(await everything()).toEqual(live);
  });

  it('rebuilds a projection whose version was bumped, at start', async () => {
    const before = await everything();
    let resets = 0;
    const bumped: Projection = {
      ...ALL_PROJECTIONS[1],
      version: ALL_PROJECTIONS[1].version + 1,
      reset: async (tx, context) => {
        resets += 1;
        await ALL_PROJECTIONS[1].reset(tx, context);
      },
    };
    const projections = [ALL_PROJECTIONS[0], bumped, ALL_PROJECTIONS[2]];
    const projector = new Projector({ store: bed.store, pool: bed.pool, projections });
    await projector.start();
    await projector.stop();
    expect(resets).toBe(1);
    const checkpoints = await readCheckpoints(bed.pool, [bumped.name]);
    expect(checkpoints.get(bumped.name)).toMatchObject({ version: bumped.version, position: (await bed.store.head()).position });
    expect(await snapshot(bed.pool, 'disputes')).toEqual(before[1]);
    // Back to the real version for the tests below.
    await rebuildProjections(deps(), { names: [bumped.name] });
  });

  it('applies a batch and its checkpoint in one transaction: a failing projection leaves every row and checkpoint as it was', async () => {
    const failing: Projection = {
      name: 'failing',
      version: 1,
      apply: async (_batch, _tx, context) => {
        if (context.mode === 'live') throw new Error('boom');
      },
      reset: async () => undefined,
    };
    const errors: unknown[] = [];
    const projector = new Projector(
      { store: bed.store, pool: bed.pool, projections: [...ALL_PROJECTIONS, failing] },
      { onError: (e) => errors.push(e), retryDelayMs: 10 },
    );
    await projector.start();
    const before = await everything();
    const [spot] = await appendAll(bed.store, [
      ledgerEvent('SpotCheckRecorded', { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件 2', note: '' }, CENTRE, '2017-12-11T09:00:00+08:00'),
    ]);
    await expect(projector.waitFor(spot.position, 300)).rejects.toThrow(`did not reach position ${spot.position}`);
    expect(errors.length).toBeGreaterThan(0);
    expect(projector.status().lastError).toBe('boom');
    await projector.stop();
    expect(await everything()).toEqual(before);
    await bed.pool.query("DELETE FROM projection_checkpoints WHERE name = 'failing'");

    const healthy = new Projector(deps());
    await healthy.start();
    await healthy.waitFor(spot.position, 10_000);
    await healthy.stop();
    expect(await count('evidence_index')).toBe(spot.position);
  });
});
