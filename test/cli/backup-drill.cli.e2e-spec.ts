// Issue 10: the backup drill, as an operator would run it. A ledger built by real appends over HTTP (18 units, a
// year of findings, two disputes filed and resolved, a retraction, a published result) is exported with
// `ledger export`, imported with `ledger import` into an empty fresh database, and must come back the same: the same
// head hash, byte-identical scores JSON for every unit, `ledger verify` and `ledger verify --results` passing, and the
// same Merkle tree (size and root of the latest checkpoint).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createLedgerApp, type LedgerApp } from '../../apps/api/app.factory.js';
import { ApiKeysRepository } from '../../libs/application/src/api-keys.repository.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { lichengDistrict } from '../../apps/cli/demo/licheng-district.scenario.js';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { startLedgerTestApp, type LedgerTestApp } from '../e2e/support/ledger-test-app.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { LEDGER_BIN, runCli } from './support/run-cli.js';

const ledgerCli = (args: string[], databaseUrl: string) => runCli(args, databaseUrl, {}, LEDGER_BIN);

// Fixed instants, so the two sides are asked exactly the same question (no "now" in the answers).
const AS_OF = '2017-12-31T23:59:59+08:00';
const KNOWN_AT = '2030-01-01T00:00:00+08:00';

describe('backup drill: export → import into an empty database → the same ledger', () => {
  let dir: string;
  let source: LedgerTestApp;
  let target: TestDatabase;
  let restored: LedgerApp;
  let exported: string;
  let resultId: string;
  let units: string[];

  const scoresOf = async (server: unknown, key: string, unitId: string) =>
    (
      await request(server as Parameters<typeof request>[0])
        .get(`/v1/scores?unitId=${unitId}&asOf=${encodeURIComponent(AS_OF)}&knownAt=${encodeURIComponent(KNOWN_AT)}`)
        .set('Authorization', `Bearer ${key}`)
        .expect(200)
    ).text;
  // A checkpoint is a signed note: origin, tree size, root hash, then the signature (which carries its own time).
  const treeOf = async (url: string) => {
    const run = await ledgerCli(['checkpoint'], url);
    expect(run).toMatchObject({ code: 0 });
    const [, size, root] = run.stdout.split('\n');
    return { size: Number(size), root };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-drill-'));
    // One signing key for the CLI runs on both sides (children inherit the environment).
    process.env.SIGNING_KEY_FILE = join(dir, 'signing-key.pem');
    source = await startLedgerTestApp('drill_source');
    for (const step of lichengDistrict(getRulebook('lc-2017'))) {
      const res = await (await source.as(step.actor.unitId)).post('/v1/events', step.events);
      expect({ step: step.label, status: res.status }).toEqual({ step: step.label, status: 201 });
    }
    const published = await (await source.as('gov-office'))
      .post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2018-01-10T10:00:00+08:00', occurredAt: '2018-01-10T10:00:00+08:00' })
      .expect(201);
    resultId = published.body.resultId;
    units = ((await (await source.as('gov-office')).get('/v1/units').expect(200)).body.units as { unitId: string }[]).map((u) => u.unitId);

    exported = join(dir, 'backup.ndjson');
    expect(await ledgerCli(['export', '--out', exported], source.db.url)).toMatchObject({ code: 0 });
    target = await createTestDatabase('drill_target');
    const imported = await ledgerCli(['import', exported], target.url);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/^imported \d+ events/);
    restored = await createLedgerApp(loadConfig({}), { url: target.url, kind: 'configured', stop: async () => undefined }, { logger: false });
  });
  afterAll(async () => {
    await restored?.close();
    await source?.close();
    await target?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('built a ledger worth restoring: several units, disputes, a retraction, a published result', async () => {
    expect(units.length).toBeGreaterThanOrEqual(18);
    const types = new Set((await source.ledger.store.readAll({ after: 0, limit: 10_000 })).map((e) => e.type));
    for (const type of ['UnitRegistered', 'DisputeFiled', 'DisputeResolved', 'FindingRetracted', 'ResultsPublished']) expect(types).toContain(type);
  });

  it('has the same head (position and hash), and `ledger verify` passes on the restored copy', async () => {
    const before = await ledgerCli(['verify', '--json'], source.db.url);
    const after = await ledgerCli(['verify', '--json'], target.url);
    expect(after.code).toBe(0);
    const [a, b] = [JSON.parse(before.stdout), JSON.parse(after.stdout)];
    expect(b).toMatchObject({ ok: true, problems: [] });
    expect(b.head).toEqual(a.head);
    expect(b.events).toBe(a.events);
    expect(await restored.store.head()).toEqual(await source.ledger.store.head());
  });

  it('answers byte-identical scores JSON for every unit', async () => {
    const key = await source.keyFor('gov-office');
    // The restored side has its own keys table (keys are not part of the ledger): issue one there.
    const restoredKey = (await new ApiKeysRepository(restored.pool).issue('gov-office', 'drill')).key;
    for (const unitId of units) {
      const original = await scoresOf(source.app.getHttpServer(), key, unitId);
      expect(original).toContain(`"unitId":"${unitId}"`);
      expect(await scoresOf(restored.app.getHttpServer(), restoredKey, unitId)).toBe(original);
    }
  });

  it('re-verifies the published result against the restored ledger', async () => {
    const run = await ledgerCli(['verify', '--results', resultId], target.url);
    expect(run.code).toBe(0);
  });

  it('has the same Merkle tree: size and root hash of the latest checkpoint', async () => {
    const [a, b] = [await treeOf(source.db.url), await treeOf(target.url)];
    expect(b).toEqual(a);
    expect(b.size).toBe((await source.ledger.store.head()).position);
  });
});
