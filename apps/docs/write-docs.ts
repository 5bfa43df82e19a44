// `npm run docs`: writes the generated contract documents (apps/docs/contract-docs.ts) into docs/.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { CONTRACT_DOCS } from './contract-docs.js';

for (const [path, generate] of Object.entries(CONTRACT_DOCS)) {
  writeFileSync(path, generate());
  process.stderr.write(`wrote ${path}\n`);
}
