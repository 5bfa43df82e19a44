// The committed contract is the generated one: docs/openapi.json equals what the code describes (built without a
// database), the one file of typed-client types (used by the contract test and the console) equals what openapi-typescript makes of it, and the running service serves it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { generateOpenApi, OPENAPI_PATH } from '../../apps/api/openapi/write-openapi.js';
import { startLedgerTestApp, type LedgerTestApp } from '../e2e/support/ledger-test-app.js';

const REGENERATE = 'run `npm run openapi` and commit docs/openapi.json and apps/web/src/api/schema.d.ts';

describe('the OpenAPI description in the repository', () => {
  it('equals the description generated from the code', async () => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    expect({ hint: REGENERATE, document: JSON.parse(await generateOpenApi()) }).toEqual({ hint: REGENERATE, document: JSON.parse(committed) });
  });

  it('has client types equal to those openapi-typescript generates from it', () => {
    const generated = execFileSync('node_modules/.bin/openapi-typescript', [OPENAPI_PATH], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect({ hint: REGENERATE, types: readFileSync('apps/web/src/api/schema.d.ts', 'utf8') }).toEqual({ hint: REGENERATE, types: generated });
  });

  it('types every event of the catalogue, every route and every declared answer', () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(document.openapi).toBe('3.1.0');
    // One licence: package.json, the LICENSE file and the description name the same one (SPDX).
    const { license } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(document.info.license).toEqual({ name: 'Apache 2.0', identifier: license });
    expect(license).toBe('Apache-2.0');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(document.components.securitySchemes.bearer).toEqual(expect.not.objectContaining({ bearerFormat: expect.anything() }));
    expect(Object.keys(document.components.schemas.NewEvent.discriminator.mapping)).toContain('DisputeFiled');
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, { content?: object }>; summary?: string }>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          expect({ route: `${method} ${path} ${status}`, content: answer.content !== undefined }).toEqual({ route: `${method} ${path} ${status}`, content: true });
          // Every answer carries the request's id (apps/api/logging), and says so.
          expect({ route: `${method} ${path} ${status}`, headers: (answer as { headers?: object }).headers }).toEqual({
            route: `${method} ${path} ${status}`,
            headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
          });
        }
        if (path.startsWith('/v1/')) expect(Object.keys(operation.responses)).toContain('401');
      }
    }
  });
});

describe('the served description', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('openapi_served');
  });
  afterAll(() => t.close());

  it('is the committed docs/openapi.json', async () => {
    const served = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')));
  });

  it('describes the X-Request-Id the service echoes: a sane id of the caller kept, any other replaced', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const pattern = new RegExp(document.components.headers.RequestId.schema.pattern);
    const kept = await request(t.app.getHttpServer()).get('/health').set('X-Request-Id', 'review-2017.11:42').expect(200);
    expect(kept.headers['x-request-id']).toBe('review-2017.11:42');
    const replaced = await request(t.app.getHttpServer()).get('/health').set('X-Request-Id', 'bad id\twith tab').expect(200);
    expect(replaced.headers['x-request-id']).not.toBe('bad id\twith tab');
    expect(replaced.headers['x-request-id']).toMatch(pattern);
  });
});
