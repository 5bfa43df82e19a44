// `npm run openapi`: writes docs/openapi.json from the code, with no database and no server. Nest builds the module
// graph in preview mode (no provider is instantiated), so the placeholders below are never touched.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import type { AppDependencies } from '../app.module.js';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../../../libs/application/src/app.config.js';
import { getRulebook } from '../../../libs/rulebook/src/index.js';
import { buildOpenApiDocument } from './openapi-document.js';

export const OPENAPI_PATH = 'docs/openapi.json';

export async function generateOpenApi(): Promise<string> {
  const notStarted = {} as never;
  const deps: AppDependencies = { config: loadConfig({}), server: notStarted, pool: notStarted, store: notStarted, projector: notStarted, rulebook: getRulebook('lc-2017') };
  const app = await NestFactory.create(AppModule.register(deps), { preview: true, logger: false, abortOnError: false });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_PATH, await generateOpenApi());
  process.stderr.write(`wrote ${OPENAPI_PATH}\n`);
}
