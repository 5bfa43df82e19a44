// Paged lists (ADR 0022): the size and time of all-unit answers before paging (every unit's full scores in one
// body, asked here as one page of up to 1000 units) against the default page of 100 and the summary form, on a
// generated ledger, through the real API in a child process. Sequential single requests: the figure is what one
// client waits for and downloads. `--quick`: 30k events over 300 units; else 300k events over 1000 units.
// Run: npm run build && DATABASE_URL=postgres://…/postgres node dist/test/bench/paging.bench.js [--quick]
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { issueApiKey, startApiProcess } from './support/api-process.js';
import { benchDatabase, openBenchServer } from './support/database.js';
import { prepareLedgerDatabase } from './support/ledger-data.js';
import { say } from './support/time.js';

const quick = process.argv.includes('--quick');
const spec = quick ? { events: 30_000, units: 300 } : { events: 300_000, units: 1000 };

async function main(): Promise<void> {
  const server = await openBenchServer();
  try {
    const url = benchDatabase(server.url, quick ? 'bench_paging_quick_test' : 'bench_paging_test');
    await prepareLedgerDatabase(url, spec, { reuse: true, via: 'import', log: say });
    const key = await issueApiKey(url, getRulebook('lc-2017').governmentOffice);
    const api = await startApiProcess(url);
    try {
      const knownAt = encodeURIComponent('2099-01-01T00:00:00+08:00');
      const cases: [string, string][] = [
        ['all units, full, one body (limit=1000)', `/v1/scores?knownAt=${knownAt}&limit=1000`],
        ['all units, full, default page (100)', `/v1/scores?knownAt=${knownAt}`],
        ['all units, summary, limit=1000', `/v1/scores/summary?knownAt=${knownAt}&limit=1000`],
        ['all units, summary, default page (100)', `/v1/scores/summary?knownAt=${knownAt}`],
      ];
      say(`paging: ${spec.events} events over ${spec.units} units (${server.label})`);
      for (const [label, path] of cases) {
        // One warm-up, then the median of three.
        const runs: { ms: number; bytes: number; status: number }[] = [];
        for (let i = 0; i < 4; i++) {
          const started = performance.now();
          const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
          const bytes = (await res.arrayBuffer()).byteLength;
          runs.push({ ms: performance.now() - started, bytes, status: res.status });
        }
        const timed = runs.slice(1).sort((a, b) => a.ms - b.ms);
        const mid = timed[1];
        say(`  ${label.padEnd(42)} ${String(mid.status)} ${(mid.bytes / 1e6).toFixed(2).padStart(8)} MB ${mid.ms.toFixed(0).padStart(7)} ms`);
      }
    } finally {
      await api.stop();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
