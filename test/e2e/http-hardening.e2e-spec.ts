// Issue 10, items 6 and 7: security headers, no X-Powered-By, /health that says only up or down without a key,
// failed authentication limited per address with 429 + Retry-After, and a published result's scores computed once.
import request from 'supertest';
import { createLedgerApp, type LedgerApp } from '../../apps/api/app.factory.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';

describe('HTTP hardening', () => {
  let db: TestDatabase;
  let ledger: LedgerApp;
  beforeAll(async () => {
    db = await createTestDatabase('http_hardening');
    ledger = await createLedgerApp(loadConfig({ AUTH_FAILURES_PER_MINUTE: '5' }), { url: db.url, kind: 'configured', stop: async () => undefined }, { logger: false });
  });
  afterAll(async () => {
    await ledger.close();
    await db.drop();
  });

  it('sets security headers and hides the framework', async () => {
    const res = await request(ledger.app.getHttpServer()).get('/health').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sets the rest of helmet\'s headers, and leaves the Swagger UI under /docs without the API\'s CSP', async () => {
    const http = request(ledger.app.getHttpServer());
    const res = await http.get('/health').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-permitted-cross-domain-policies']).toBe('none');
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    const docs = await http.get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });

  it('answers 429 with Retry-After after repeated failed authentication from one address, whatever the key', async () => {
    const http = request(ledger.app.getHttpServer());
    for (let i = 0; i < 5; i++) await http.get('/v1/units').set('Authorization', `Bearer bad-${i}`).expect(401);
    const limited = await http.get('/v1/units').set('Authorization', 'Bearer bad-6').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.message[0]).toMatch(/^Authorization: too many failed attempts/);
  });
});
