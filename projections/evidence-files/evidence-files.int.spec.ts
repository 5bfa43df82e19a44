import type { StoredEvent } from '../../events/index.js';
import { Projector } from '../projector/projector.js';
import { rebuildProjections } from '../projector/rebuild.js';
import { appendAll, applyDirectly, ledgerEvent, openTestBed, type ProjectionTestBed } from '../testing/projection-test-bed.js';
import { CENTRE, GOV, HAIBIN } from '../testing/scenario.js';
import { evidenceFilesProjection } from './evidence-files.projection.js';
import { referencesOf } from './evidence-files.query.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('evidence-files projection (PostgreSQL)', () => {
  let bed: ProjectionTestBed;
  let stored: StoredEvent[];
  let projector: Projector;
  const projections = [evidenceFilesProjection];
  const rows = async () => (await bed.pool.query('SELECT * FROM evidence_file_refs ORDER BY sha256, event_id')).rows as unknown[];
  const withEvidence = (event: ReturnType<typeof ledgerEvent>, evidence: StoredEvent['evidence']) => ({ ...event, evidence });

  beforeAll(async () => {
    bed = await openTestBed('evidence_files');
    stored = await appendAll(bed.store, [
      ledgerEvent('UnitRegistered', { unitId: HAIBIN, name: '海滨街道', kind: 'street' }, GOV, '2017-01-02T09:00:00+08:00'),
      withEvidence(ledgerEvent('SpotCheckRecorded', { unitId: HAIBIN, indicator: '3.5', outcome: 'fail', subject: 's', note: '' }, CENTRE, '2017-10-05T09:30:00+08:00'), [
        { kind: 'file', ref: 'a.pdf', sha256: A },
        { kind: 'file', ref: 'a.pdf again', sha256: A },
        { kind: 'document', ref: 'b.pdf', sha256: B },
      ]),
      withEvidence(ledgerEvent('SpotCheckRecorded', { unitId: HAIBIN, indicator: '3.5', outcome: 'pass', subject: 't', note: '' }, CENTRE, '2017-10-06T09:30:00+08:00'), [
        { kind: 'file', ref: 'b.png', sha256: B },
      ]),
    ]);
    projector = new Projector({ store: bed.store, pool: bed.pool, projections }, { batchSize: 2 });
    await projector.start();
    await projector.waitFor(stored[stored.length - 1].position, 10_000);
  });
  afterAll(async () => {
    await projector?.stop();
    await bed?.close();
  });

  it('keeps one row per file an event names (a document with a hash is no upload)', async () => {
    expect(await referencesOf(bed.pool, [A, B])).toEqual([
      { sha256: A, eventId: stored[1].eventId, position: stored[1].position, unitId: HAIBIN },
      { sha256: B, eventId: stored[2].eventId, position: stored[2].position, unitId: HAIBIN },
    ]);
  });

  it('the same event twice changes nothing', async () => {
    const before = await rows();
    await applyDirectly(bed, evidenceFilesProjection, [...stored, ...stored]);
    expect(await rows()).toEqual(before);
  });

  it('a rebuild from zero gives the same rows', async () => {
    await projector.stop();
    const incremental = await rows();
    await rebuildProjections({ store: bed.store, pool: bed.pool, projections }, { batchSize: 1 });
    expect(await rows()).toEqual(incremental);
  });
});
