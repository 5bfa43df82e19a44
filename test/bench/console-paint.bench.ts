// The console with 5,000 units: time from opening /rankings (signed in) to the first rows painted, and whether the
// table stays virtualized (rows in the DOM) when scrolled to the end. Run: `npm run build && node
// dist/test/bench/console-paint.bench.js [--quick]` (needs /usr/bin/chromium; DATABASE_URL names a server or is unset).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { appendGenerated, generateLedger } from '../../projections/testing/ledger-generator.js';
import { API_MAIN, issueApiKey } from './support/api-process.js';
import { benchDatabase, dropDatabase, openBenchServer, recreateDatabase } from './support/database.js';
import { median, say } from './support/time.js';

const UNITS = 5000;
const PORT = 4350; // the console's range (4300–4399)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main() {
  const quick = process.argv.includes('--quick');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const server = await openBenchServer();
  const url = benchDatabase(server.url, `bench_console_paint_${process.pid}_test`);
  await recreateDatabase(url);
  const child = { stop: async () => undefined as void };
  try {
    await runMigrations(url);
    const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 2 });
    const store = new PostgresEventStore(pool, { listen: false });
    const events = quick ? UNITS + 1 : UNITS * 4;
    say(`generating ${events} events over ${UNITS} units`);
    await appendGenerated(store, generateLedger({ events, units: UNITS, seed: 12 }), 1000);
    await store.close();
    await pool.end();
    const key = await issueApiKey(url, 'gov-office');

    const api = spawn(process.execPath, [API_MAIN], { env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), NODE_ENV: 'production' }, stdio: 'ignore' });
    child.stop = async () => {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    };
    const base = `http://127.0.0.1:${PORT}`;
    for (const deadline = Date.now() + 60_000; !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); ) {
      if (Date.now() > deadline) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    // Wait until the rankings read model holds every unit (the projector follows the store after start-up).
    for (;;) {
      const r = await fetch(`${base}/v1/rankings`, { headers: { authorization: `Bearer ${key}` } });
      // Paged: the total says how many units the read model holds.
      if (r.ok && ((await r.json()) as { total: number }).total >= UNITS) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/sign-in`);
    await page.locator('[data-testid=key-input]').fill(key);
    await page.locator('[data-testid=sign-in]').click();
    await page.locator('.cell-overall').first().waitFor();
    const paints: number[] = [];
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      // A full load of the page (assets from cache, as a returning clerk has them), signed in by sessionStorage.
      const started = Date.now();
      await page.goto(`${base}/rankings`);
      await page.locator('.cell-overall').first().waitFor();
      paints.push(Date.now() - started);
    }
    const count = await page.locator('[data-testid=units-count]').textContent();
    const scrollStarted = Date.now();
    await page.locator('.el-table-v2__body .el-vl__wrapper, .el-table-v2__body').first().evaluate((el) => {
      const scroller = el.querySelector('[class*=window]') ?? el;
      scroller.scrollTop = 1e9;
    });
    await page.locator('.cell-rank', { hasText: new RegExp(`^${UNITS}$|^4\\d\\d\\d$`) }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const scrollMs = Date.now() - scrollStarted;
    const rowsInDom = await page.locator('.cell-overall').count();
    await browser.close();
    process.stdout.write(
      `${JSON.stringify({ units: UNITS, shown: count, firstRankingsPaintMs: { median: median(paints), runs: paints }, scrollToEndMs: scrollMs, rowsInDomAfterScroll: rowsInDom }, null, 2)}\n`,
    );
  } finally {
    await child.stop();
    await dropDatabase(url);
    await server.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
