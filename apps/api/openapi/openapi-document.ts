// The OpenAPI 3.1 description, built from the controllers' decorators plus the components of api-schemas.ts, and
// completed the same way for every route (error answers, security, summaries). Served at /docs and /docs-json and
// written to docs/openapi.json by `npm run openapi` (write-openapi.ts) without a database.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { apiSchemas, ref } from './api-schemas.js';
import { SANE_REQUEST_ID } from '../logging/access-log.middleware.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_CONTENT = { 'application/json': { schema: ref('Error') } };
// Every request has an id (the caller's, if sane, else a fresh UUID), echoed in every answer and written in every
// log line of the request (apps/api/logging): what a caller quotes when asking what happened to a request.
const REQUEST_ID_SCHEMA = { type: 'string', pattern: SANE_REQUEST_ID.source, maxLength: 128 };
const REQUEST_ID_PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'an id of your own for this request (letters, digits, ._:-; at most 128), else the API makes one',
  schema: REQUEST_ID_SCHEMA,
};
const REQUEST_ID_HEADER = { description: 'the id of this request, as written in the API log', schema: REQUEST_ID_SCHEMA };

const DESCRIPTION = `Event-sourced audit ledger for the 2017 Licheng "Internet + Government Services" performance assessment.

Lead units append findings as immutable, hash-chained events; scores are folded from the events for any valid time
(\`asOf\`) as known at any system time (\`knownAt\`). Every \`/v1\` route needs \`Authorization: Bearer <api key>\`
(an opaque \`lk_…\` key issued by \`ledger keys create\`); the key fixes the actor. Every error answers
\`{ statusCode, error, message: [ … ] }\`, one message per problem, each naming its field.

Event types, the scores JSON, the integrity rules and the rulebook: docs/ in the repository.`;

export function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Performance assessment ledger')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .addServer('http://localhost:3000', 'npm start on this machine (PORT=3000)')
    // Keys are opaque random strings, not JWTs: no bearerFormat.
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'an API key lk_… from `ledger keys create`' })
    .build();
  // The licence of the repository (LICENSE, package.json). OpenAPI 3.1 names it by SPDX identifier, which excludes a
  // url; Nest's builder knows only name and url, so it is set here.
  config.info.license = { name: 'Apache 2.0', identifier: 'Apache-2.0' } as typeof config.info.license;
  return config;
}

/** Adds what every operation shares: 401 where a key is needed, 400 where input is read, a summary. */
function complete(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const needsKey = path.startsWith('/v1/');
      // Explicit either way: a route outside /v1 (health) needs no key.
      op.security = needsKey ? [{ bearer: [] }] : [];
      const responses = op.responses as Record<string, { description: string; content?: unknown }>;
      if (needsKey && !responses['401']) responses['401'] = { description: 'No API key, or an unknown or revoked one', content: ERROR_CONTENT };
      // Every refusal has the one error body, also where a controller declared only the status and its meaning.
      for (const [status, answer] of Object.entries(responses)) if (Number(status) >= 400 && !answer.content) answer.content = ERROR_CONTENT;
      const readsInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
      if (readsInput && !responses['400']) responses['400'] = { description: 'A parameter or the body is refused; each message names it', content: ERROR_CONTENT };
      op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/RequestId' }];
      for (const answer of Object.values(responses) as { headers?: Record<string, unknown> }[]) {
        answer.headers = { ...answer.headers, 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
      }
      op.summary ??= `${method.toUpperCase()} ${path}`;
      // Nest's operation ids carry the class name; the method name is what a generated client shows.
      op.operationId = op.operationId?.replace(/HttpController_/, '_');
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...apiSchemas(), ...document.components?.schemas },
    parameters: { ...document.components?.parameters, RequestId: REQUEST_ID_PARAMETER } as NonNullable<OpenAPIObject['components']>['parameters'],
    headers: { ...document.components?.headers, RequestId: REQUEST_ID_HEADER } as NonNullable<OpenAPIObject['components']>['headers'],
  };
  return document;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return complete(SwaggerModule.createDocument(app, openApiConfig()));
}
