// `npm run bench:reports [-- --quick] [-- --reuse]`: the rankings report over 5,000 units (issue 13: under 3 s and
// under 200 MB extra memory). Prints, for a generated ledger of 5,000 units, the time to take the ranked report data
// from the read models exactly as GET /v1/rankings answers it (the current view from unit_scores, and ?asOf= from
// the step functions and the evaluator, ADR 0019) and the time and extra memory of rendering it as CSV, XLSX and
// PDF, writing each file to a temporary directory (sizes printed). The read models are built before the clock starts
// (the API keeps them current as it appends; their cost is the rebuild benchmark's).
//   --quick   50,000 events over the 5,000 units (full: 1,000,000, the ledger of the other benchmarks)
//   --reuse   keep the generated ledger (bench_ledger_reports_*_test) when it already holds the same data
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { renderReport, REPORT_FORMATS } from '../../libs/application/src/reports/report-format.js';
import { Reports } from '../../libs/application/src/reports/reports.js';
import { RankingsAt } from '../../libs/application/src/rankings/rankings-at.js';
import { RANKINGS_READ_MODELS } from '../../libs/application/src/rankings/rankings.source.js';
import { ALL_PROJECTIONS, readCheckpoints, rebuildProjections } from '../../projections/index.js';
import { benchDatabase, openBenchServer } from './support/database.js';
import { prepareLedgerDatabase } from './support/ledger-data.js';
import { say } from './support/time.js';

const UNITS = 5000;
const MB = 1024 * 1024;

/**
 * Runs `work`, sampling RSS every 10 ms: wall seconds, CPU seconds of this process (user + system: on a shared,
 * loaded machine the wall time mostly measures waiting for a core), and the peak RSS above the RSS before it started.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; extraMB: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, extraMB: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  for (const a of argv) if (a !== '--quick' && a !== '--reuse') throw new Error(`unknown argument ${a} (use --quick, --reuse)`);
  const quick = argv.includes('--quick');
  const events = quick ? 50_000 : 1_000_000;
  const server = await openBenchServer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  try {
    const url = benchDatabase(server.url, `bench_ledger_reports_${quick ? 'quick' : 'full'}_test`);
    await prepareLedgerDatabase(url, { events, units: UNITS }, { reuse: argv.includes('--reuse'), via: 'import', log: say });
    const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 4 });
    const store = new PostgresEventStore(pool, { listen: false });
    const rulebook = getRulebook('lc-2017');
    try {
      const head = (await store.head()).position;
      const checkpoints = await readCheckpoints(pool, RANKINGS_READ_MODELS);
      if (RANKINGS_READ_MODELS.some((name) => checkpoints.get(name)?.position !== head)) {
        const started = performance.now();
        await rebuildProjections({ store, pool, projections: ALL_PROJECTIONS }, { names: RANKINGS_READ_MODELS, batchSize: 5000 });
        say(`built the read models ${RANKINGS_READ_MODELS.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)`);
      }
      const reports = new Reports(pool, store, rulebook, new RankingsAt(pool, store, rulebook));
      const rss0 = process.memoryUsage().rss / MB;
      const current = await measured(() => reports.rankings({}));
      const built = await measured(() => reports.rankings({ asOf: '2017-11-30T23:59:59+08:00' }));
      const rows = built.value.tables[0].rows.length;
      const lines = [
        `rankings report, ${rows} units, ${events.toLocaleString('en')} events (${quick ? '--quick' : 'full'}); RSS at start ${rss0.toFixed(0)} MB; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
        `  the data, current view (as GET /v1/rankings):  ${current.seconds.toFixed(2)} s wall, ${current.cpuSeconds.toFixed(2)} s CPU, +${current.extraMB.toFixed(0)} MB peak`,
        `  the data, ?asOf= (as GET /v1/rankings?asOf=):   ${built.seconds.toFixed(2)} s wall, ${built.cpuSeconds.toFixed(2)} s CPU, +${built.extraMB.toFixed(0)} MB peak (the figures below add this)`,
      ];
      for (const format of REPORT_FORMATS) {
        const file = join(dir, `rankings.${format}`);
        const rendered = await measured(async () => pipeline(await renderReport(built.value, format), createWriteStream(file)));
        const wall = built.seconds + rendered.seconds;
        const cpu = built.cpuSeconds + rendered.cpuSeconds;
        const memory = Math.max(built.extraMB, rendered.extraMB);
        lines.push(
          `  ${format.padEnd(4)} render: ${rendered.seconds.toFixed(2)} s wall, ${rendered.cpuSeconds.toFixed(2)} s CPU, +${rendered.extraMB.toFixed(0)} MB peak, ${(statSync(file).size / 1024).toFixed(0)} KiB` +
            ` — data + file ${wall.toFixed(2)} s wall / ${cpu.toFixed(2)} s CPU (target < 3 s: wall ${wall < 3 ? 'pass' : 'miss'}, CPU ${cpu < 3 ? 'pass' : 'miss'}),` +
            ` extra memory ${memory.toFixed(0)} MB (target < 200 MB: ${memory < 200 ? 'pass' : 'miss'})`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await store.close();
      await pool.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
