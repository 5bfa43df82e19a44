// Workload 2, append over HTTP: autocannon against POST /v1/events of the real API in a child process, one
// MetricMeasured per request (a fresh eventId each), spread over 500 registered units, as the indicator's lead unit.
import autocannon, { type AutocannonRequest } from 'autocannon';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { appendGenerated, generateLedger } from '../../projections/testing/ledger-generator.js';
import { issueApiKey, startApiProcess } from './support/api-process.js';
import { benchDatabase, dropDatabase, queryOnce, recreateDatabase } from './support/database.js';
import { fmt, type Target, type WorkloadResult } from './support/report.js';
import { say } from './support/time.js';

const UNITS = 500;
const CONNECTIONS = 50;

async function ledgerHead(url: string): Promise<number> {
  return Number((await queryOnce<{ position: string }>(url, 'SELECT position FROM ledger_head'))[0].position);
}

export async function runHttpAppendBench(serverUrl: string, options: { quick: boolean }): Promise<WorkloadResult> {
  const duration = options.quick ? 10 : 30;
  const url = benchDatabase(serverUrl, `bench_http_append_${process.pid}_test`); // per run: two concurrent runs must not drop each other's database
  await recreateDatabase(url);
  await runMigrations(url);
  // The assessment and its units, as the government office registers them.
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 2 });
  const store = new PostgresEventStore(pool, { listen: false });
  try {
    await appendGenerated(store, generateLedger({ events: UNITS + 1, units: UNITS, seed: 6 }), 1000);
  } finally {
    await store.close();
    await pool.end();
  }
  const rulebook = getRulebook('lc-2017');
  const metric = rulebook.indicators.find((d) => d.feeds.includes('MetricMeasured'));
  if (!metric) throw new Error('the rulebook has no indicator fed by MetricMeasured');
  const lead = metric.leads[0];
  const key = await issueApiKey(url, lead);
  const api = await startApiProcess(url);
  try {
    let n = 0;
    const body = () => {
      n += 1;
      const denominator = 50 + (n % 400);
      return JSON.stringify({
        eventId: randomUUID(),
        type: 'MetricMeasured',
        schemaVersion: 1,
        occurredAt: '2017-10-05T09:30:00+08:00',
        evidence: [{ kind: 'system-record', ref: `http-bench-${n}` }],
        data: { unitId: `unit-${String(n % UNITS).padStart(4, '0')}`, indicator: metric.id, numerator: Math.floor(denominator * 0.9), denominator },
      });
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const request: AutocannonRequest = {
      method: 'POST',
      path: '/v1/events',
      headers,
      setupRequest: (req) => ({ ...req, body: body() }),
    };
    // One valid request by hand first: a refusal here is a bench bug, not a figure.
    const probe = await fetch(`${api.baseUrl}/v1/events`, { method: 'POST', headers, body: body() });
    if (probe.status !== 201) throw new Error(`POST /v1/events answered ${probe.status}: ${await probe.text()}`);
    say(`http-append: warm-up 3 s, then ${CONNECTIONS} connections for ${duration} s`);
    await autocannon({ url: api.baseUrl, connections: 10, duration: 3, requests: [request] });
    const before = await ledgerHead(url);
    const result = await autocannon({ url: api.baseUrl, connections: CONNECTIONS, duration, requests: [request] });
    const appended = (await ledgerHead(url)) - before;
    const reqPerSec = result.requests.total / result.duration;
    const failures = result.non2xx + result.errors + result.timeouts;
    const data = {
      connections: CONNECTIONS,
      seconds: result.duration,
      requests: result.requests.total,
      requestsPerSecond: Math.round(reqPerSec),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, average: result.latency.average },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats ?? {},
      eventsAppended: appended,
      units: UNITS,
      leadUnit: lead,
      indicator: metric.id,
    };
    const targets: Target[] = [
      {
        name: 'HTTP append (50 connections)',
        goal: '≥ 2,000 req/s, p99 < 50 ms, 0 errors',
        actual: `${fmt(reqPerSec)} req/s, p99 ${result.latency.p99} ms, ${failures} errors`,
        pass: reqPerSec >= 2000 && result.latency.p99 < 50 && failures === 0,
      },
    ];
    return {
      figures: [
        { workload: 'append (HTTP)', case: `POST /v1/events, ${CONNECTIONS} conn, ${duration} s`, value: reqPerSec, unit: 'req/s', note: `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors + result.timeouts}, ${fmt(appended)} events stored` },
      ],
      targets,
      data,
    };
  } finally {
    await api.stop();
    await dropDatabase(url);
  }
}
