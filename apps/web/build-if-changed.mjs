// `npm run build` builds the console with Vite only when its inputs changed since the last build (a digest of
// apps/web and the lock file is kept in dist/web/.inputs-sha256): `npm test` and `npm start` build first, and an
// unchanged console need not cost them a Vite run. `--force` rebuilds regardless.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const web = join(root, 'apps/web');
const out = join(root, 'dist/web');
const stamp = join(out, '.inputs-sha256');

// Besides apps/web, the page imports types (only) from the server's sources: they cannot change the bundle.
function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}
const hash = createHash('sha256');
for (const path of [...files(web), join(root, 'package-lock.json')]) hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
const digest = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  process.exit(0);
}
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stamp, digest);
