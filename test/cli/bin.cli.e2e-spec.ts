// The `ledger` bin runs the built CLI without building first (building happens once, at install or `npm run build`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('the ledger bin', () => {
  it('is declared, executable by its shebang, and no npm script rebuilds before each call', () => {
    expect(pkg.bin).toEqual({ ledger: 'bin/ledger.js' });
    expect(readFileSync(pkg.bin.ledger, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(pkg.scripts.preledger).toBeUndefined();
    expect(pkg.scripts.ledger).toBe('node bin/ledger.js');
    expect(pkg.scripts.prepare).toMatch(/build/);
  });

  it('answers --help from the build', () => {
    const out = execFileSync(process.execPath, [pkg.bin.ledger, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^Usage: ledger <command>/);
    expect(out).toMatch(/^ {2}keys /m);
  });
});
