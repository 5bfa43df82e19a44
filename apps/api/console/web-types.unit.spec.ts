// The console's API types are generated from the same docs/openapi.json as the contract's (`npm run openapi` writes
// both), so the page cannot drift from the API the drift test checks.
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

it('apps/web/src/api/schema.d.ts is the generated description of the API (run `npm run openapi` after changing a route)', () => {
  expect(read('apps/web/src/api/schema.d.ts')).toBe(read('test/contract/ledger-api.d.ts'));
});
