// Workload 4, as-of queries: GET /v1/scores?unitId=&asOf=&knownAt= for random units at random valid and system
// times, against the real API in a child process, on the big ledger (1M events over 5,000 units) and on a ledger a
// tenth its size with the same events per unit (100k over 500), to show the cost follows the unit's events, not
// the ledger's size.
import autocannon, { type AutocannonRequest } from 'autocannon';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { rebuildInChild } from './rebuild.bench.js';
import { issueApiKey, startApiProcess } from './support/api-process.js';
import { queryOnce } from './support/database.js';
import { fmt, ratio, type Figure, type Target, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

// Latency, not throughput, is the target: two connections per core of the 2-core development VM, so that queueing
// in the API does not dominate p99 (at 8 connections a quick run measured p50 68 ms at ~107 req/s: mostly waiting).
const CONNECTIONS = 4;

export interface AsOfLedger {
  url: string;
  events: number;
  units: number;
  label: string;
}

interface AsOfFigures {
  label: string;
  events: number;
  units: number;
  eventsPerUnit: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  statusCodes: Record<string, { count: number }>;
}

/** The read models are rebuilt first when behind: the API's projector must not be catching up while we measure. */
export async function projectionsAtHead(ledger: AsOfLedger): Promise<void> {
  const [row] = await queryOnce<{ behind: boolean }>(
    ledger.url,
    `SELECT (SELECT count(*) FROM projection_checkpoints WHERE position = (SELECT position FROM ledger_head)) < 3 AS behind`,
  );
  if (row.behind) {
    say(`as-of: the read models of ${ledger.label} are behind the head; rebuilding them first (not timed)`);
    await rebuildInChild(ledger.url);
  }
}

/** A random instant in [from, to), written with the +08:00 offset. */
function instant(random: () => number, from: string, to: string): string {
  const start = Date.parse(from);
  const ms = start + Math.floor(random() * (Date.parse(to) - start));
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

async function measure(ledger: AsOfLedger, duration: number): Promise<AsOfFigures> {
  await projectionsAtHead(ledger);
  const key = await issueApiKey(ledger.url, getRulebook('lc-2017').governmentOffice);
  const api = await startApiProcess(ledger.url);
  try {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const path = () => {
      const unit = `unit-${String(Math.floor(random() * ledger.units)).padStart(4, '0')}`;
      // Any valid and system time after every unit was registered (the generated ledger registers them over the first
      // 0.5% of the log: 2 to 4 January; a unit not yet registered as of asOf or as known at knownAt rightly answers
      // 404), system time up to after the year's end.
      const asOf = instant(random, '2017-01-06T00:00:00+08:00', '2018-01-01T00:00:00+08:00');
      const knownAt = instant(random, '2017-01-06T00:00:00+08:00', '2018-03-31T00:00:00+08:00');
      return `/v1/scores?unitId=${unit}&asOf=${encodeURIComponent(asOf)}&knownAt=${encodeURIComponent(knownAt)}`;
    };
    const request: AutocannonRequest = {
      method: 'GET',
      headers: { authorization: `Bearer ${key}` },
      setupRequest: (req) => ({ ...req, path: path() }),
    };
    const probe = await fetch(`${api.baseUrl}${path()}`, { headers: request.headers });
    if (probe.status !== 200) throw new Error(`GET /v1/scores answered ${probe.status}: ${await probe.text()}`);
    say(`as-of: ${ledger.label}: warm-up 2 s, then ${CONNECTIONS} connections for ${duration} s`);
    await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration: 2, requests: [request] });
    const r = await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration, requests: [request] });
    return {
      label: ledger.label,
      events: ledger.events,
      units: ledger.units,
      eventsPerUnit: Math.round(ledger.events / ledger.units),
      requests: r.requests.total,
      requestsPerSecond: Math.round(r.requests.total / r.duration),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: r.latency.average },
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      statusCodes: r.statusCodeStats ?? {},
    };
  } finally {
    await api.stop();
  }
}

export async function runAsOfBench(big: AsOfLedger, small: AsOfLedger, options: { quick: boolean }): Promise<WorkloadResult> {
  const duration = options.quick ? 5 : 15;
  const large = await measure(big, duration);
  const tenth = await measure(small, duration);
  const figure = (f: AsOfFigures): Figure => ({
    workload: 'as-of query',
    case: `${f.label}: ${fmt(f.events)} events, ${fmt(f.units)} units`,
    value: f.latencyMs.p99,
    unit: 'ms p99',
    note: `p50 ${f.latencyMs.p50} ms, ${fmt(f.requestsPerSecond)} req/s at ${CONNECTIONS} conn, non-2xx ${f.non2xx}${f.non2xx ? ` (${Object.entries(f.statusCodes).filter(([c]) => !c.startsWith('2')).map(([c, v]) => `${v.count}× ${c}`).join(', ')})` : ''}, errors ${f.errors}`,
  });
  const clean = large.non2xx + large.errors + tenth.non2xx + tenth.errors === 0;
  const targets: Target[] = [
    {
      name: `as-of p99 at ${fmt(big.events)} events`,
      goal: '< 50 ms, no errors',
      actual: `${large.latencyMs.p99} ms${clean ? '' : ' (with errors)'}`,
      pass: large.latencyMs.p99 < 50 && clean,
    },
    {
      name: `as-of p99 ${fmt(big.events)} vs ${fmt(small.events)} events`,
      goal: '≤ 1.5× the smaller ledger',
      actual: `${ratio(large.latencyMs.p99, tenth.latencyMs.p99)}× (${large.latencyMs.p99} vs ${tenth.latencyMs.p99} ms)`,
      pass: large.latencyMs.p99 <= 1.5 * tenth.latencyMs.p99,
    },
  ];
  return { figures: [figure(large), figure(tenth)], targets, data: { connections: CONNECTIONS, seconds: duration, large, small: tenth } };
}
