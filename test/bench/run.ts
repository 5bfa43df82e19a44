// `npm run bench [-- --quick] [-- --reuse] [-- --only=append,http-append,rebuild,as-of,rankings-as-of,trail,evaluator,integrity] [-- --reference]`
// Runs the workloads of issue 6 against a real PostgreSQL (DATABASE_URL names the server; every workload works in
// bench_*_test databases of its own; unset: an embedded PostgreSQL under .data/bench), prints the figures and the
// targets, and writes test/bench/results/latest.json (and reference.json with --reference).
//   --quick   a tenth of the sizes and durations (100k-event ledger, HTTP 10 s): a few minutes
//   --reuse   keep the generated ledgers (bench_ledger_*_test) and the export when they already hold the same data
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runAppendBench } from './append.bench.js';
import { runAsOfBench } from './as-of.bench.js';
import { runRankingsAsOfBench } from './rankings-as-of.bench.js';
import { runTrailBench } from './trail.bench.js';
import { runEvaluatorBench } from './evaluator.bench.js';
import { runHttpAppendBench } from './http-append.bench.js';
import { runIntegrityBench } from './integrity.bench.js';
import { runRebuildBench } from './rebuild.bench.js';
import { benchDatabase, openBenchServer } from './support/database.js';
import { prepareLedgerDatabase, type PreparedLedger } from './support/ledger-data.js';
import { machineInfo } from './support/machine.js';
import { figuresTable, fmt, targetsTable, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

const WORKLOADS = ['append', 'http-append', 'rebuild', 'as-of', 'rankings-as-of', 'trail', 'evaluator', 'integrity'] as const;
type Workload = (typeof WORKLOADS)[number];

function parseFlags(argv: string[]) {
  const known = new Set(['--quick', '--reuse', '--reference']);
  for (const a of argv) if (!known.has(a) && !a.startsWith('--only=')) throw new Error(`unknown argument ${a} (use --quick, --reuse, --only=${WORKLOADS.join(',')}, --reference)`);
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
  for (const w of only ?? []) if (!(WORKLOADS as readonly string[]).includes(w)) throw new Error(`--only: unknown workload "${w}" (${WORKLOADS.join(', ')})`);
  return { quick: argv.includes('--quick'), reuse: argv.includes('--reuse'), reference: argv.includes('--reference'), only: (only ?? [...WORKLOADS]) as Workload[] };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const started = performance.now();
  const server = await openBenchServer();
  try {
    const machine = await machineInfo(server.url, server.label);
    say(`bench on ${server.label} (PostgreSQL ${machine.postgres}), ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}${flags.quick ? ', --quick' : ''}`);
    // The big ledger (1M events over 5,000 units; --quick: a tenth) and one a tenth of it with the same events per
    // unit (for the as-of comparison). Named by size, so the quick run's big ledger is the full run's small one.
    const scale = flags.quick ? 10 : 1;
    const bigSpec = { events: 1_000_000 / scale, units: 5_000 / scale };
    const smallSpec = { events: bigSpec.events / 10, units: bigSpec.units / 10 };
    const nameOf = (events: number) => `bench_${process.env.BENCH_DATABASE_PREFIX ?? ''}ledger_${events >= 1_000_000 ? `${events / 1_000_000}m` : `${events / 1000}k`}_test`;
    const prepared = new Map<string, Promise<PreparedLedger>>();
    const ledger = (spec: { events: number; units: number }) => {
      const url = benchDatabase(server.url, nameOf(spec.events));
      if (!prepared.has(url)) {
        say(`ledger: ${fmt(spec.events)} events over ${fmt(spec.units)} units in ${nameOf(spec.events)}${flags.reuse ? ' (reused if it holds them)' : ''}`);
        prepared.set(url, prepareLedgerDatabase(url, spec, { reuse: flags.reuse, via: 'import', log: say }));
      }
      return prepared.get(url) as Promise<PreparedLedger>;
    };

    const results: Partial<Record<Workload, WorkloadResult>> = {};
    const ledgers: Record<string, unknown> = {};
    async function runWorkload(w: Workload): Promise<void> {
      if (w === 'append') results.append = await runAppendBench(server.url, flags);
      if (w === 'http-append') results['http-append'] = await runHttpAppendBench(server.url, flags);
      if (w === 'rebuild') {
        const big = await ledger(bigSpec);
        ledgers.big = { ...bigSpec, database: nameOf(bigSpec.events), reused: big.reused, generationSeconds: big.seconds };
        results.rebuild = await runRebuildBench({ url: big.url, ...bigSpec });
      }
      if (w === 'as-of') {
        const big = await ledger(bigSpec);
        const small = await ledger(smallSpec);
        ledgers.small = { ...smallSpec, database: nameOf(smallSpec.events), reused: small.reused, generationSeconds: small.seconds };
        results['as-of'] = await runAsOfBench({ url: big.url, ...bigSpec, label: 'big ledger' }, { url: small.url, ...smallSpec, label: 'tenth' }, flags);
      }
      if (w === 'rankings-as-of') {
        const big = await ledger(bigSpec);
        const small = await ledger(smallSpec);
        results['rankings-as-of'] = await runRankingsAsOfBench({ url: big.url, ...bigSpec, label: 'big ledger' }, { url: small.url, ...smallSpec, label: 'tenth' }, flags);
      }
      if (w === 'trail') {
        const big = await ledger(bigSpec);
        const small = await ledger(smallSpec);
        results.trail = await runTrailBench({ url: big.url, ...bigSpec, label: 'big ledger' }, { url: small.url, ...smallSpec, label: 'tenth' }, flags);
      }
      if (w === 'evaluator') {
        const big = await ledger(bigSpec);
        results.evaluator = await runEvaluatorBench({ url: big.url, ...bigSpec, reused: big.reused });
      }
      // Issue 15, on databases of its own (synthetic events: the tree reads only position and hash).
      if (w === 'integrity') results.integrity = await runIntegrityBench(server.url, { quick: flags.quick });
    }

    const failures: Record<string, string> = {};
    for (const w of flags.only) {
      const t = performance.now();
      try {
        await runWorkload(w);
        say(`${w}: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      } catch (error) {
        // One broken workload does not lose the others' figures; the run still exits non-zero.
        failures[w] = error instanceof Error ? (error.stack ?? error.message) : String(error);
        say(`${w}: FAILED: ${failures[w]}`);
        process.exitCode = 1;
      }
    }

    const all = WORKLOADS.flatMap((w) => (results[w] ? [results[w]] : []));
    const figures = all.flatMap((r) => r.figures);
    const targets = all.flatMap((r) => r.targets);
    const totalSeconds = Math.round((performance.now() - started) / 1000);
    process.stdout.write(`\n${flags.quick ? 'QUICK run (a tenth of the sizes; targets are indicative)' : 'FULL run'} on ${machine.database}, PostgreSQL ${machine.postgres}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}, ${totalSeconds} s\n\n`);
    process.stdout.write(`${figuresTable(figures)}\n\n${targetsTable(targets)}\n`);
    for (const [w, e] of Object.entries(failures)) process.stdout.write(`\n${w}: FAILED (${e.split('\n')[0]})\n`);

    const json = {
      issue: 6,
      mode: flags.quick ? 'quick' : 'full',
      flags,
      machine,
      totalSeconds,
      ledgers,
      results: Object.fromEntries(WORKLOADS.flatMap((w) => (results[w] ? [[w, results[w].data]] : []))),
      figures,
      targets,
      failures,
    };
    const dir = fileURLToPath(new URL('../../../test/bench/results/', import.meta.url));
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}latest.json`, `${JSON.stringify(json, null, 2)}\n`);
    if (flags.reference) await writeFile(`${dir}reference.json`, `${JSON.stringify(json, null, 2)}\n`);
    say(`\nwritten: test/bench/results/latest.json${flags.reference ? ' and reference.json' : ''}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
