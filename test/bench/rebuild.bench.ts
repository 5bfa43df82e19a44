// Workload 3, rebuild: every projection from empty over the generated ledger (1,000,000 events over 5,000 units; a
// tenth with --quick), in a fresh child process so the peak RSS is the rebuild's own.
// The child: node dist/test/bench/rebuild.bench.js --child DATABASE_URL → one JSON line (TimedRebuild) on stdout.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timedRebuild, type TimedRebuild } from './support/rebuild-run.js';
import { fmt, type Target, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

const SELF = fileURLToPath(import.meta.url);

export async function rebuildInChild(url: string): Promise<TimedRebuild> {
  const child = spawn(process.execPath, [SELF, '--child', url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the rebuild process exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop() as string) as TimedRebuild;
}

export async function runRebuildBench(ledger: { url: string; events: number; units: number }): Promise<WorkloadResult> {
  say(`rebuild: every projection over ${fmt(ledger.events)} events (${fmt(ledger.units)} units), in a child process`);
  const r = await rebuildInChild(ledger.url);
  const rssMb = r.peakRssKb / 1024;
  const targets: Target[] = [
    {
      name: `rebuild over ${fmt(r.events)} events`,
      goal: '≥ 50,000 events/s, peak RSS < 512 MB',
      actual: `${fmt(r.eventsPerSecond)} events/s, ${fmt(rssMb)} MB`,
      pass: r.eventsPerSecond >= 50_000 && rssMb < 512,
    },
  ];
  return {
    figures: [
      { workload: 'rebuild', case: `${r.projections.length} projections, ${fmt(r.events)} events, ${fmt(ledger.units)} units`, value: r.eventsPerSecond, unit: 'events/s', note: `${r.seconds.toFixed(1)} s, peak RSS ${fmt(rssMb)} MB` },
    ],
    targets,
    data: { ...r, units: ledger.units, peakRssMb: Math.round(rssMb) },
  };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--child') {
  let shown = 0;
  timedRebuild(process.argv[3], {
    onProgress: (done, total) => {
      if (done - shown >= 200_000) {
        shown = done;
        say(`  replayed ${done} / ${total}`);
      }
    },
  }).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
