// Workload 5, the evaluator alone: (a) in-process, one unit with 10,000 events folded into its scores (median of
// several runs), as GET /v1/scores does after reading the unit's events; (b) the whole exported ledger through
// `ledger evaluate` in a child process: wall time, events/s, peak RSS (/usr/bin/time, else the child's VmHWM).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unitIdOf } from '../../libs/ledger/src/index.js';
import { createEvaluation, getRulebook } from '../../libs/rulebook/src/index.js';
import { CLI_MAIN } from './support/api-process.js';
import { BENCH_DATA_DIR } from './support/database.js';
import { storedLedger } from './support/ledger-data.js';
import { fmt, type Figure, type WorkloadResult } from './support/report.js';
import { median, say } from './support/time.js';

const KNOWN_AT = '2018-06-30T00:00:00+08:00';

function evaluateOneUnit(): { events: number; runsMs: number[]; medianMs: number } {
  const rulebook = getRulebook('lc-2017');
  const unitId = 'unit-0000';
  // As readUnit returns them: the unit's events (its registration and every finding about it), in position order.
  const events = [...storedLedger({ events: 10_002, units: 1, seed: 5 })].filter((e) => unitIdOf(e) === unitId);
  const once = () => {
    const started = performance.now();
    const evaluation = createEvaluation({ rulebook, asOf: rulebook.year.to, knownAt: KNOWN_AT, unitId });
    for (const event of events) evaluation.add(event);
    const document = evaluation.result();
    if (document.units.length !== 1) throw new Error('the evaluator returned no unit');
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i += 1) once(); // JIT warm-up
  const runsMs = Array.from({ length: 9 }, once).map((ms) => Math.round(ms * 10) / 10);
  return { events: events.length, runsMs, medianMs: median(runsMs) };
}

interface ChildRun {
  code: number | null;
  wallSeconds: number;
  peakRssKb: number;
  stdoutBytes: number;
  stderr: string;
}

/** Runs `node args…`, measuring wall time and peak RSS of the child. */
async function runMeasured(args: string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const argv = timed ? ['-f', 'BENCH_TIME %e %M', process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdoutBytes = 0;
  let stderr = '';
  let hwmKb = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const poll = timed
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8').then(
          (s) => (hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0))),
          () => undefined,
        );
      }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (poll) clearInterval(poll);
  const wallSeconds = (performance.now() - started) / 1000;
  const measured = /BENCH_TIME ([\d.]+) (\d+)/.exec(stderr);
  return {
    code, // /usr/bin/time exits with its child's status
    wallSeconds: measured ? Number(measured[1]) : wallSeconds,
    peakRssKb: measured ? Number(measured[2]) : hwmKb,
    stdoutBytes,
    stderr,
  };
}

/** `ledger export` of the ledger database to a file under .data/bench (kept for --reuse while the ledger is). */
async function exportLedger(url: string, events: number, units: number, reuse: boolean): Promise<string> {
  const file = join(BENCH_DATA_DIR, `ledger-${events}-${units}.ndjson`);
  if (reuse && existsSync(file)) {
    say(`evaluator: reusing the export ${file}`);
    return file;
  }
  say(`evaluator: ledger export of ${fmt(events)} events to ${file}`);
  await mkdir(BENCH_DATA_DIR, { recursive: true });
  await rm(file, { force: true });
  const run = await runMeasured([CLI_MAIN, 'export', '--out', `${file}.partial`], { ...process.env, DATABASE_URL: url });
  if (run.code !== 0) throw new Error(`ledger export exited with ${run.code}: ${run.stderr}`);
  await rename(`${file}.partial`, file);
  return file;
}

export async function runEvaluatorBench(ledger: { url: string; events: number; units: number; reused: boolean }): Promise<WorkloadResult> {
  say('evaluator: one unit with 10,000 events, in-process');
  const one = evaluateOneUnit();
  const file = await exportLedger(ledger.url, ledger.events, ledger.units, ledger.reused);
  say(`evaluator: ledger evaluate --events ${file}`);
  const run = await runMeasured([CLI_MAIN, 'evaluate', '--events', file, '--known-at', KNOWN_AT], process.env);
  if (run.code !== 0) throw new Error(`ledger evaluate exited with ${run.code}: ${run.stderr.slice(-2000)}`);
  const rate = ledger.events / run.wallSeconds;
  const rssMb = run.peakRssKb / 1024;
  const figures: Figure[] = [
    { workload: 'evaluator', case: `one unit, ${fmt(one.events)} events, in-process`, value: one.medianMs, unit: 'ms (median)', note: `${fmt(one.events / (one.medianMs / 1000))} events/s; runs ${Math.min(...one.runsMs)}–${Math.max(...one.runsMs)} ms` },
    { workload: 'evaluator', case: `ledger evaluate, ${fmt(ledger.events)}-event export`, value: rate, unit: 'events/s', note: `${run.wallSeconds.toFixed(1)} s wall, peak RSS ${fmt(rssMb)} MB, ${fmt(run.stdoutBytes / 1024)} KiB of scores JSON` },
  ];
  return {
    figures,
    // The target the unit test used to time (libs/rulebook/src/evaluator/large-folds.unit.spec.ts keeps its answers).
    targets: [{ name: `evaluator, one unit with ${fmt(one.events)} events`, goal: '< 100 ms', actual: `${one.medianMs} ms (median)`, pass: one.medianMs < 100 }],
    data: {
      oneUnit: { events: one.events, medianMs: one.medianMs, runsMs: one.runsMs, eventsPerSecond: Math.round(one.events / (one.medianMs / 1000)) },
      cliEvaluate: { events: ledger.events, units: ledger.units, wallSeconds: run.wallSeconds, eventsPerSecond: Math.round(rate), peakRssMb: Math.round(rssMb), outputBytes: run.stdoutBytes },
    },
  };
}
