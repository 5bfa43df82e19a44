// Rebuild speed of the read models: generates N events over M units straight into the PostgreSQL store (bulk
// appends), then times rebuildProjections in a fresh child process, so the peak RSS it prints is the rebuild's own.
// Usage: node dist/test/bench/rebuild.js [events=100000] [units=500] [--reuse] [--only=evidence-index,disputes]
//   DATABASE_URL (name must contain "test"; default postgres://postgres@127.0.0.1:5432/bench_projections_test) is dropped and
//   re-created unless --reuse is given and it already holds the events.
// Target (issue): ≥ 50,000 events/s over 1M events with peak RSS < 512 MB.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { assertTestDatabase, databaseNameOf, withDatabase } from '../../libs/persistence/src/database-name.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { ALL_PROJECTIONS, rebuildProjections } from '../../projections/index.js';
import { appendGenerated, generateLedger } from '../../projections/testing/ledger-generator.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/bench_projections_test';
const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function recreateDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const name = databaseNameOf(url);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

async function generate(url: string, events: number, units: number, reuse: boolean): Promise<void> {
  if (reuse) {
    const pool = createPool(url, { appRole: null, max: 1 });
    const head = await pool.query<{ position: string }>('SELECT position FROM ledger_head').catch(() => null);
    await pool.end();
    if (head && Number(head.rows[0]?.position) >= events) {
      say(`reusing ${head.rows[0].position} events in ${databaseNameOf(url)}`);
      return;
    }
  }
  await recreateDatabase(url);
  await runMigrations(url);
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 4 });
  const store = new PostgresEventStore(pool, { listen: false });
  const started = performance.now();
  try {
    await appendGenerated(store, generateLedger({ events, units, seed: 2017 }), 5000, (n) => {
      if (n % 100_000 === 0) say(`  appended ${n}`);
    });
  } finally {
    await store.close();
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  say(`generated ${events} events over ${units} units in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s appended)`);
}

async function rebuild(url: string, names?: string[]): Promise<void> {
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 8 });
  const store = new PostgresEventStore(pool, { listen: false });
  try {
    let lastShown = 0;
    const report = await rebuildProjections(
      { store, pool, projections: ALL_PROJECTIONS },
      {
        batchSize: 5000,
        names,
        onProgress: (done, total) => {
          if (done - lastShown >= 200_000) {
            lastShown = done;
            say(`  replayed ${done} / ${total}`);
          }
        },
      },
    );
    const seconds = report.millis / 1000;
    const rate = Math.round(report.events / seconds);
    const rss = process.resourceUsage().maxRSS;
    say(`rebuilt ${report.projections.join(', ')}: ${report.events} events in ${seconds.toFixed(2)} s`);
    say(`  ${rate} events/s, peak RSS ${mb(rss)}`);
    say(`  target ≥ 50000 events/s and < 512 MB: ${rate >= 50_000 && rss < 512 * 1024 ? 'met' : 'NOT met'}`);
  } finally {
    await store.close();
    await pool.end();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const numbers = args.filter((a) => !a.startsWith('--')).map(Number);
  const events = numbers[0] ?? 100_000;
  const units = numbers[1] ?? 500;
  const url = process.env.DATABASE_URL ?? DEFAULT_URL;
  assertTestDatabase(url);
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  if (args.includes('--rebuild-only')) return rebuild(url, only);

  say(`rebuild bench: ${events} events over ${units} units on ${new URL(url).host}${new URL(url).pathname}`);
  await generate(url, events, units, args.includes('--reuse'));
  // A fresh process: its peak RSS is the rebuild's, not the generator's.
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--rebuild-only', ...args.filter((a) => a.startsWith('--only='))], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the rebuild process exited with ${code}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
