// The generated contract documents in docs/ equal what the code generates now: the event catalogue and the rulebook
// are their one source. After a change: `npm run docs` and commit.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { CONTRACT_DOCS } from '../../apps/docs/contract-docs.js';

describe('generated contract documents', () => {
  it.each(Object.keys(CONTRACT_DOCS))('%s equals its generation from the code (run `npm run docs`)', (path) => {
    expect(readFileSync(path, 'utf8')).toBe(CONTRACT_DOCS[path]());
  });

  it('README and the CLI help texts point to docs/, never to a path outside the repository', () => {
    const texts = [readFileSync('README.md', 'utf8'), ...['evaluate', 'verify', 'export', 'import', 'keys', 'demo', 'rebuild'].map((c) => readFileSync(`apps/cli/commands/${c}.command.ts`, 'utf8'))];
    for (const text of texts) expect(text).not.toMatch(/\.\.\/shared|spec\/events\.md|events\.md §/);
  });
});
