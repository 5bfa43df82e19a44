// Rankings at a past instant (issue 16): GET /v1/rankings?asOf=… and ?asOf=…&knownAt=… with both in the past,
// against the real API in a child process, on the big ledger and on one a tenth its size, so the figure shows the
// cost follows the number of units, not the number of events. Sequential requests (one connection): the console
// redraws the rankings for one user moving "as of"; latency, not throughput, is the target.
import autocannon, { type AutocannonRequest } from 'autocannon';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { rebuildInChild } from './rebuild.bench.js';
import { issueApiKey, startApiProcess } from './support/api-process.js';
import { queryOnce } from './support/database.js';
import { fmt, ratio, type Figure, type Target, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

const CONNECTIONS = 1;

export interface RankingsLedger {
  url: string;
  events: number;
  units: number;
  label: string;
}

/** Which instants a request asks for: valid time in 2017; knownAt omitted (now), after asOf, or before it. */
export type KnownAtCase = 'now' | 'after-as-of' | 'before-as-of';

interface Figures {
  label: string;
  events: number;
  units: number;
  known: KnownAtCase;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
}

async function projectionsAtHead(ledger: RankingsLedger): Promise<void> {
  const [row] = await queryOnce<{ behind: boolean }>(
    ledger.url,
    `SELECT (SELECT count(*) FROM projection_checkpoints WHERE position = (SELECT position FROM ledger_head)) < ${ALL_PROJECTIONS.length} AS behind`,
  ).catch(() => [{ behind: true }]);
  if (row.behind) {
    say(`rankings: the read models of ${ledger.label} are behind the head; rebuilding them first (not timed)`);
    await rebuildInChild(ledger.url);
  }
}

function instant(random: () => number, fromMs: number, toMs: number): string {
  const ms = fromMs + Math.floor(random() * (toMs - fromMs));
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

async function measure(ledger: RankingsLedger, known: KnownAtCase, duration: number): Promise<Figures> {
  const key = await issueApiKey(ledger.url, getRulebook('lc-2017').governmentOffice);
  const api = await startApiProcess(ledger.url);
  try {
    let seed = 16;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const DAY = 86_400_000;
    const path = () => {
      const asOfMs = Date.parse('2017-01-06T00:00:00+08:00') + Math.floor(random() * 359 * DAY);
      const asOf = instant(random, asOfMs, asOfMs + 1);
      if (known === 'now') return `/v1/rankings?asOf=${encodeURIComponent(asOf)}`;
      // The generated ledger records each event an hour after it occurred: "after" asks what was known a while later
      // (up to 90 days); "before" what was known up to a week earlier, when the ledger was behind valid time.
      const knownAt = known === 'after-as-of' ? instant(random, asOfMs + 2 * 3_600_000, asOfMs + 90 * DAY) : instant(random, asOfMs - 7 * DAY, asOfMs);
      return `/v1/rankings?asOf=${encodeURIComponent(asOf)}&knownAt=${encodeURIComponent(knownAt)}`;
    };
    const request: AutocannonRequest = { method: 'GET', headers: { authorization: `Bearer ${key}` }, setupRequest: (req) => ({ ...req, path: path() }) };
    const probe = await fetch(`${api.baseUrl}${path()}`, { headers: request.headers });
    if (probe.status !== 200) throw new Error(`GET /v1/rankings answered ${probe.status}: ${await probe.text()}`);
    say(`rankings: ${ledger.label}, knownAt ${known}: warm-up 2 s, then ${CONNECTIONS} connection for ${duration} s`);
    await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration: 2, requests: [request], timeout: 60 });
    const r = await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration, requests: [request], timeout: 60 });
    return {
      label: ledger.label,
      events: ledger.events,
      units: ledger.units,
      known,
      requests: r.requests.total,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: r.latency.average },
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    await api.stop();
  }
}

export async function runRankingsAsOfBench(big: RankingsLedger, small: RankingsLedger, options: { quick: boolean }): Promise<WorkloadResult> {
  const duration = options.quick ? 8 : 20;
  await projectionsAtHead(big);
  await projectionsAtHead(small);
  const asOfBig = await measure(big, 'now', duration);
  const asOfSmall = await measure(small, 'now', duration);
  const afterBig = await measure(big, 'after-as-of', duration);
  const afterSmall = await measure(small, 'after-as-of', duration);
  const beforeBig = await measure(big, 'before-as-of', duration);
  // A case where no request finished within the run is a miss, not a 0 ms p99.
  const clean = (...all: Figures[]) => all.every((f) => f.requests > 0 && f.non2xx + f.errors === 0);
  const p99 = (f: Figures) => (f.requests > 0 ? `${f.latencyMs.p99} ms` : `no request finished within ${duration} s`);
  const describe: Record<KnownAtCase, string> = { now: 'asOf', 'after-as-of': 'asOf + knownAt after it', 'before-as-of': 'asOf + knownAt up to 7 days before it' };
  const figure = (f: Figures): Figure => ({
    workload: 'rankings at a past instant',
    case: `${describe[f.known]}, ${f.label}: ${fmt(f.events)} events, ${fmt(f.units)} units`,
    value: f.latencyMs.p99,
    unit: 'ms p99',
    note: `p50 ${f.latencyMs.p50} ms, ${fmt(f.requests)} requests, non-2xx ${f.non2xx}, errors ${f.errors}`,
  });
  const targets: Target[] = [
    {
      name: `rankings asOf p99 at ${fmt(big.events)} events`,
      goal: '< 500 ms, ≤ 2× the ledger a tenth its size',
      actual: `${p99(asOfBig)}, ${ratio(asOfBig.latencyMs.p99, asOfSmall.latencyMs.p99)}× (${asOfSmall.latencyMs.p99} ms at ${fmt(small.events)})`,
      pass: asOfBig.latencyMs.p99 < 500 && asOfBig.latencyMs.p99 <= 2 * asOfSmall.latencyMs.p99 && clean(asOfBig, asOfSmall),
    },
    {
      name: `rankings asOf + past knownAt (after asOf) p99 at ${fmt(big.events)} events`,
      goal: '< 1 s',
      actual: `${p99(afterBig)} (${p99(afterSmall)} at ${fmt(small.events)})`,
      pass: afterBig.latencyMs.p99 < 1000 && clean(afterBig, afterSmall),
    },
    {
      name: `rankings asOf + knownAt up to 7 days before asOf, p99 at ${fmt(big.events)} events`,
      goal: '< 1 s',
      actual: p99(beforeBig),
      pass: beforeBig.latencyMs.p99 < 1000 && clean(beforeBig),
    },
  ];
  return {
    figures: [asOfBig, asOfSmall, afterBig, afterSmall, beforeBig].map(figure),
    targets,
    data: { connections: CONNECTIONS, seconds: duration, asOf: { big: asOfBig, small: asOfSmall }, afterAsOf: { big: afterBig, small: afterSmall }, beforeAsOf: { big: beforeBig } },
  };
}
