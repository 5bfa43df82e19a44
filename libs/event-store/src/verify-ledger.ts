// `ledger verify` and GET /v1/verify: walk the whole log in position order, recompute every stream's chain, and
// check that the ledger head still names the last event (deleting the newest events leaves no gap behind).
import { ChainVerifier, type ChainProblem, type ChainReport } from '../../ledger/src/hash-chain.js';
import { unusableEventReason, type UnusableEvent } from '../../../events/index.js';
import type { EventStore, LedgerHead } from './event-store.port.js';
import { readLog } from './read-log.js';

/** The head was read before the walk: later appends are fine, a log that ends before it lost its tail. */
async function checkHead(store: EventStore, head: LedgerHead, report: ChainReport): Promise<ChainProblem[]> {
  if (head.position === 0) return [];
  if (report.head < head.position) {
    return [
      {
        position: report.head + 1,
        streamId: '',
        streamRevision: -1,
        reason: `the ledger head is at position ${head.position} but the log ends at ${report.head}: events were deleted`,
      },
    ];
  }
  const [pinned] = await store.readAll({ after: head.position - 1, limit: 1 });
  if (pinned?.position === head.position && pinned.hash !== head.hash) {
    return [{ position: pinned.position, streamId: pinned.streamId, streamRevision: pinned.streamRevision, reason: 'hash differs from the one the ledger head recorded for it' }];
  }
  return [];
}

/**
 * Events intact in the chain that the evaluator and the read models leave out (a date an older version stored
 * unchecked). Not an alteration, so `ok` does not change; named so an operator knows which facts do not count.
 */
export interface UnusableReport {
  count: number;
  /** The first 100, by position. */
  events: UnusableEvent[];
}

export async function verifyLedger(
  store: EventStore,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ChainReport & { unusable: UnusableReport }> {
  const unusable: UnusableReport = { count: 0, events: [] };
  const head = await store.head();
  const verifier = new ChainVerifier(100, { checkPositions: store.positionsAreGapFree ?? true });
  let done = 0;
  for await (const batch of readLog(store, { batchSize: options.batchSize })) {
    for (const event of batch) {
      verifier.add(event);
      const reason = unusableEventReason(event);
      if (reason === undefined) continue;
      unusable.count += 1;
      if (unusable.events.length < 100) unusable.events.push({ position: event.position, eventId: event.eventId, type: event.type, reason });
    }
    done += batch.length;
    options.onProgress?.(done, Math.max(done, head.position));
  }
  const chain = verifier.result();
  const problems = [...chain.problems, ...(await checkHead(store, head, chain))].sort((a, b) => a.position - b.position);
  return { ...chain, ok: problems.length === 0, problems, unusable };
}
