// The trail (issue 9): GET /v1/events pages against the real API in a child process, on the big ledger (1M events
// over 5,000 units) and on the ledger a tenth its size. A mix of what reviewers and lead units do: the whole log from
// a random cursor, one unit's trail, one indicator's, one rare type's (disputes), and a lead unit's unfiltered view
// (its own unit and the indicators it leads). Each page is one indexed query on the evidence index, so the cost
// should not follow the ledger's size.
import autocannon, { type AutocannonRequest } from 'autocannon';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { issueApiKey, startApiProcess } from './support/api-process.js';
import type { AsOfLedger } from './as-of.bench.js';
import { projectionsAtHead } from './as-of.bench.js';
import { fmt, ratio, type Figure, type Target, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

const CONNECTIONS = 4;
const INDICATORS = ['2.1', '3.2', '3.5', '4.3', '6.1'];

interface TrailFigures {
  label: string;
  events: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

async function measure(ledger: AsOfLedger, duration: number): Promise<TrailFigures> {
  await projectionsAtHead(ledger);
  const rulebook = getRulebook('lc-2017');
  const gov = await issueApiKey(ledger.url, rulebook.governmentOffice);
  const lead = await issueApiKey(ledger.url, 'admin-service-centre');
  const api = await startApiProcess(ledger.url);
  try {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const after = () => Math.floor(random() * ledger.events * 0.95);
    const unit = () => `unit-${String(Math.floor(random() * ledger.units)).padStart(4, '0')}`;
    const kinds = [
      () => ({ key: gov, path: `/v1/events?limit=100&after=${after()}` }),
      () => ({ key: gov, path: `/v1/events?limit=100&unitId=${unit()}` }),
      () => ({ key: gov, path: `/v1/events?limit=100&indicator=${pick(INDICATORS)}&after=${after()}` }),
      () => ({ key: gov, path: `/v1/events?limit=100&type=DisputeFiled&after=${after()}` }),
      () => ({ key: lead, path: `/v1/events?limit=100&after=${after()}` }),
    ];
    const next = () => pick(kinds)();
    const request: AutocannonRequest = {
      method: 'GET',
      setupRequest: (req) => {
        const { key, path } = next();
        return { ...req, path, headers: { ...req.headers, authorization: `Bearer ${key}` } };
      },
    };
    for (const make of kinds) {
      const { key, path } = make();
      const probe = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
      if (probe.status !== 200) throw new Error(`GET ${path} answered ${probe.status}: ${await probe.text()}`);
    }
    say(`trail: ${ledger.label}: warm-up 2 s, then ${CONNECTIONS} connections for ${duration} s`);
    await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration: 2, requests: [request] });
    const r = await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration, requests: [request] });
    return {
      label: ledger.label,
      events: ledger.events,
      requests: r.requests.total,
      requestsPerSecond: Math.round(r.requests.total / r.duration),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    await api.stop();
  }
}

export async function runTrailBench(big: AsOfLedger, small: AsOfLedger, options: { quick: boolean }): Promise<WorkloadResult> {
  const duration = options.quick ? 5 : 15;
  const large = await measure(big, duration);
  const tenth = await measure(small, duration);
  const figure = (f: TrailFigures): Figure => ({
    workload: 'trail page (GET /v1/events, 100 events)',
    case: `${f.label}: ${fmt(f.events)} events`,
    value: f.latencyMs.p99,
    unit: 'ms p99',
    note: `p50 ${f.latencyMs.p50} ms, ${fmt(f.requestsPerSecond)} req/s at ${CONNECTIONS} conn, non-2xx ${f.non2xx}, errors ${f.errors}`,
  });
  const clean = large.non2xx + large.errors === 0;
  const targets: Target[] = [
    {
      name: `trail page p99 at ${fmt(big.events)} events`,
      goal: '< 50 ms, no errors',
      actual: `${large.latencyMs.p99} ms${clean ? '' : ' (with errors)'} (${fmt(small.events)} events: ${tenth.latencyMs.p99} ms, ${ratio(large.latencyMs.p99, tenth.latencyMs.p99)}×)`,
      pass: large.latencyMs.p99 < 50 && clean,
    },
  ];
  return { figures: [figure(large), figure(tenth)], targets, data: { connections: CONNECTIONS, seconds: duration, large, small: tenth } };
}
