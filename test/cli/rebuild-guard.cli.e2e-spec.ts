// `ledger rebuild` refuses while an API process follows the same read models, unless told --force.
import { startLedgerTestApp, type LedgerTestApp } from '../e2e/support/ledger-test-app.js';
import { runCli } from './support/run-cli.js';

describe('ledger rebuild beside a running API', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('rebuild_guard');
    await (await t.as('gov-office')).get('/v1/units').expect(200);
  });
  afterAll(() => t.close());

  it('refuses with exit 1 and says how to proceed; --force rebuilds', async () => {
    const refused = await runCli(['rebuild'], t.db.url);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^rebuild: an API process is connected to this ledger .*; stop it first, or pass --force/);
    const forced = await runCli(['rebuild', '--force'], t.db.url);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^rebuilt /);
  });
});
