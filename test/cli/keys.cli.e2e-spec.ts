import { createHash } from 'node:crypto';
import request from 'supertest';
import { createLedgerApp, type LedgerApp } from '../../apps/api/app.factory.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, lastLine, runCli } from './support/run-cli.js';

describe('ledger keys', () => {
  let db: TestDatabase;
  let ledger: LedgerApp;
  beforeAll(async () => {
    db = await createTestDatabase('cli_keys');
    // The CLI runs the migrations itself; the app boots on what it left.
    expect(await runCli(['keys', 'list'], db.url)).toMatchObject({ code: 0 });
    ledger = await createLedgerApp(loadConfig({}), { url: db.url, kind: 'configured', stop: async () => undefined }, { logger: false });
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.drop();
  });

  it('prints a key once, on the last line, that authenticates; only its hash is stored', async () => {
    const run = await runCli(['keys', 'create', '--unit', 'gov-office', '--user', 'clerk-01'], db.url);
    expect(run.code).toBe(0);
    const key = lastLine(run.stdout);
    expect(key).toMatch(/^lk_[a-z0-9]{10}_[A-Za-z0-9_-]{32,64}$/);
    expect(run.stdout.split(key)).toHaveLength(2);

    await request(ledger.app.getHttpServer()).get('/v1/verify').set('Authorization', `Bearer ${key}`).expect(200);

    const rows = await asOwner(db.url, async (c) => (await c.query('SELECT * FROM api_keys')).rows);
    expect(JSON.stringify(rows)).not.toContain(key);
    // The secret may itself contain "_": everything after the key id.
    expect(JSON.stringify(rows)).not.toContain(key.slice(key.indexOf('_', 3) + 1));
    expect(rows.map((r) => r.key_sha256)).toContain(createHash('sha256').update(key).digest('hex'));
  });

  it('lists keys without the key, and revokes by id', async () => {
    const key = lastLine((await runCli(['keys', 'create', '--unit', 'admin-service-centre', '--user', 'inspector-07'], db.url)).stdout);
    const keyId = key.split('_')[1];
    const list = await runCli(['keys', 'list', '--json'], db.url);
    expect(JSON.parse(list.stdout)).toContainEqual(expect.objectContaining({ keyId, unitId: 'admin-service-centre', userId: 'inspector-07', revokedAt: null }));
    expect(list.stdout).not.toContain(key);

    expect(await runCli(['keys', 'revoke', '--id', keyId], db.url)).toMatchObject({ code: 0, stdout: `revoked key ${keyId}\n` });
    await request(ledger.app.getHttpServer()).get('/v1/verify').set('Authorization', `Bearer ${key}`).expect(401);
    expect(await runCli(['keys', 'revoke', '--id', keyId], db.url)).toMatchObject({ code: 1 });
  });

  it('refuses a unit the ledger does not know, naming it, and accepts it once registered', async () => {
    const refused = await runCli(['keys', 'create', '--unit', 'haibin-street', '--user', 'liaison'], db.url);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('unknown unit "haibin-street"');

    const gov = lastLine((await runCli(['keys', 'create', '--unit', 'gov-office', '--user', 'clerk-02'], db.url)).stdout);
    await request(ledger.app.getHttpServer())
      .post('/v1/events')
      .set('Authorization', `Bearer ${gov}`)
      .send({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:30:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } })
      .expect(201);
    expect(await runCli(['keys', 'create', '--unit', 'haibin-street', '--user', 'liaison'], db.url)).toMatchObject({ code: 0 });
  });

  it('answers bad usage with exit 2 and the usage on stderr', async () => {
    const run = await runCli(['keys', 'create', '--unit', 'gov-office'], db.url);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Usage: ledger keys create');
  });
});
