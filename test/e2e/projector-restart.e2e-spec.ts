// The projector survives the app stopping in the middle of a bulk append: a new app on the same database resumes
// from the durable checkpoints, and its read models equal a rebuild from zero.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createLedgerApp } from '../../apps/api/app.factory.js';
import { ApiKeysRepository } from '../../libs/application/src/api-keys.repository.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { ALL_PROJECTIONS, listDisputes, rankings, readCheckpoints, rebuildProjections } from '../../projections/index.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import request from 'supertest';

const server = (db: TestDatabase) => ({ url: db.url, kind: 'configured' as const, stop: async () => undefined });
const evidence = [{ kind: 'url', ref: 'https://example.org/check' }];
const units = Array.from({ length: 20 }, (_, i) => `street-${i}`);

async function readModels(pool: pg.Pool) {
  const evidenceRows = await pool.query('SELECT * FROM evidence_index ORDER BY position');
  return { rankings: await rankings(pool), disputes: await listDisputes(pool, { limit: 1000 }), evidence: evidenceRows.rows };
}

describe('the projector across an app restart in the middle of a bulk append', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('projector_restart');
  });
  afterAll(() => db.drop());

  it('resumes from its checkpoints and ends equal to a rebuild', async () => {
    const config = loadConfig({});
    const first = await createLedgerApp(config, server(db), { logger: false });
    const keys = new ApiKeysRepository(first.pool);
    const gov = `Bearer ${(await keys.issue('gov-office', 'clerk')).key}`;
    const centre = `Bearer ${(await keys.issue('admin-service-centre', 'inspector')).key}`;
    const http = request(first.app.getHttpServer());
    await http
      .post('/v1/events')
      .set('Authorization', gov)
      .send(units.map((unitId) => ({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId, name: unitId, kind: 'street' } })))
      .expect(201);

    // 20 writers keep appending spot checks while the app is closed under them.
    let stop = false;
    const writer = async (w: number) => {
      let stored = 0;
      for (let i = 0; !stop && i < 500; i++) {
        const res = await http
          .post('/v1/events')
          .set('Authorization', centre)
          .send({ eventId: randomUUID(), type: 'SpotCheckRecorded', occurredAt: '2017-10-05T09:30:00+08:00', evidence, data: { unitId: units[w], indicator: '6.1', outcome: 'fail', subject: `证照 ${i}`, note: '' } })
          .catch(() => null);
        if (res?.status === 201) stored++;
      }
      return stored;
    };
    const writing = Promise.all(units.map((_, w) => writer(w)));
    // Close once the projector has committed something but the writers are still going.
    const deadline = Date.now() + 30_000;
    while ((await first.store.head()).position < 300 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    await first.close();
    stop = true;
    await writing;


    // A new app on the same database: the projector resumes from its checkpoints and catches up with the head.
    const second = await createLedgerApp(config, server(db), { logger: false });
    try {
      const checkpoints = await readCheckpoints(second.pool, ALL_PROJECTIONS.map((p) => p.name));
      const ledgerHead = (await second.store.head()).position;
      await second.projector.waitFor(ledgerHead, 30_000);
      // The app stopped its projector first and went on taking appends until it closed: there is ground to make up.
      expect(Math.min(...[...checkpoints.values()].map((c) => c.position))).toBeGreaterThan(0);
      expect(Math.min(...[...checkpoints.values()].map((c) => c.position))).toBeLessThan(ledgerHead);
      const incremental = await readModels(second.pool);
      expect(incremental.evidence).toHaveLength(ledgerHead);

      await second.projector.stop();
      await rebuildProjections({ store: second.store, pool: second.pool, projections: ALL_PROJECTIONS });
      expect(await readModels(second.pool)).toEqual(incremental);
    } finally {
      await second.close();
    }
    // Twenty writers, a restart, a catch-up and a full rebuild of every read model: 25–60 s on two loaded cores.
  }, 180_000);
});
