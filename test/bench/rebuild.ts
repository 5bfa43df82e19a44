// Rebuild speed of the read models: generates N events over M units straight into the PostgreSQL store (bulk
// appends), then times rebuildProjections in a fresh child process, so the peak RSS it prints is the rebuild's own.
// Usage: node dist/test/bench/rebuild.js [events=100000] [units=500] [--reuse] [--only=evidence-index,disputes]
//   DATABASE_URL (name must contain "test"; default postgres://postgres@127.0.0.1:5432/bench_projections_test) is dropped and
//   re-created unless --reuse is given and it already holds the events.
// Target (issue): ≥ 50,000 events/s over 1M events with peak RSS < 512 MB.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertTestDatabase } from '../../libs/persistence/src/database-name.js';
import { prepareLedgerDatabase } from './support/ledger-data.js';
import { timedRebuild } from './support/rebuild-run.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/bench_projections_test';
const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function generate(url: string, events: number, units: number, reuse: boolean): Promise<void> {
  // Appended through the store in bulk appends of 5,000; --reuse keeps any ledger at least that long.
  const prepared = await prepareLedgerDatabase(url, { events, units, seed: 2017 }, { reuse, via: 'append', chunk: 5000, log: say, reuseWhenHeadAtLeast: true });
  if (!prepared.reused) say(`  (${Math.round(events / prepared.seconds)} events/s appended)`);
}

async function rebuild(url: string, names?: string[]): Promise<void> {
  let lastShown = 0;
  const r = await timedRebuild(url, {
    names,
    onProgress: (done, total) => {
      if (done - lastShown >= 200_000) {
        lastShown = done;
        say(`  replayed ${done} / ${total}`);
      }
    },
  });
  say(`rebuilt ${r.projections.join(', ')}: ${r.events} events in ${r.seconds.toFixed(2)} s`);
  say(`  ${r.eventsPerSecond} events/s, peak RSS ${mb(r.peakRssKb)}`);
  say(`  target ≥ 50000 events/s and < 512 MB: ${r.eventsPerSecond >= 50_000 && r.peakRssKb < 512 * 1024 ? 'met' : 'NOT met'}`);
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
