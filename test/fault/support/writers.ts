// Concurrent writers as a client would be: each appends findings one at a time with an id of its own and, when an
// answer does not come (connection cut, 503), sends the SAME event again until it is acknowledged — so an append
// that was stored but not acknowledged is retried idempotently, never stored twice.
import { randomUUID } from 'node:crypto';
import { issueKey } from './keys.js';

export interface WriterReport {
  /** eventIds answered 201. */
  acknowledged: string[];
  /** Every status other than 201, with how many times, e.g. { 503: 40 }; 'network' for no answer. */
  refused: Record<string, number>;
  /** 503 answers without a Retry-After header. */
  missingRetryAfter: number;
  /** Time of each 201 (ms since epoch), to measure recovery. */
  ackTimes: number[];
}

export const finding = (unitId: string, eventId = randomUUID()) => ({
  eventId,
  type: 'SpotCheckRecorded',
  occurredAt: '2017-10-05T09:30:00+08:00',
  evidence: [{ kind: 'url', ref: 'https://example.org/fault' }],
  data: { unitId, indicator: '3.5', outcome: 'fail', subject: `case ${eventId}`, note: '' },
});

export interface Writers {
  stop(): Promise<WriterReport>;
}

/** `baseUrls()` is read before every request, so a test can point writers at a restarted API. */
export function startWriters(count: number, baseUrls: () => string[], key: string, units: string[]): Writers {
  const report: WriterReport = { acknowledged: [], refused: {}, missingRetryAfter: 0, ackTimes: [] };
  let stopping = false;
  const count1 = (label: string) => {
    report.refused[label] = (report.refused[label] ?? 0) + 1;
  };
  const writer = async (n: number) => {
    while (!stopping) {
      const event = finding(units[n % units.length]);
      // Until acknowledged (or the test ends): the same event again.
      for (let attempt = 0; ; attempt++) {
        const urls = baseUrls();
        const url = urls[(n + attempt) % urls.length];
        const answer = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(10_000),
        }).then(
          async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() }),
          () => null,
        );
        if (answer?.status === 201) {
          report.acknowledged.push(event.eventId);
          report.ackTimes.push(Date.now());
          break;
        }
        if (answer === null) count1('network');
        else {
          count1(String(answer.status));
          if (answer.status === 503 && !answer.retryAfter) report.missingRetryAfter += 1;
          if (answer.status !== 503) throw new Error(`writer ${n}: ${answer.status} ${answer.body.slice(0, 300)}`);
        }
        if (stopping) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const running = Array.from({ length: count }, (_, n) => writer(n));
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(running);
      return report;
    },
  };
}

export { issueKey };
