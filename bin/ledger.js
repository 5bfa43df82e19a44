#!/usr/bin/env node
// `ledger …` (`npx ledger`, `npm run ledger --`): runs the built CLI at once. Building happens once, when `npm ci` /
// `npm install` run `prepare`, or by `npm run build` after a change; a checkout without dist/ is built here first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const main = new URL('dist/apps/cli/main.js', root);
if (!existsSync(main)) {
  process.stderr.write('ledger: no build yet, running `npm run build` once…\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
await import(main.href);
