// Every ResultsPublished of the ledger, for the results page. They live in assessment streams whose ids the API does
// not know in advance, so the log is scanned once and then only past the last position seen (per store).
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { ResultsPublishedDataV2Shape, StoredEvent } from '../../../events/index.js';

/**
 * A result as the results page lists it: the event's own pins (the catalogue's v2 shape, whose Merkle tree is null for
 * a result published before the tree existed) and where and by whom it was published.
 */
export interface PublishedResultListing extends ResultsPublishedDataV2Shape {
  resultId: string;
  position: number;
  publishedAt: string;
  recordedAt: string;
  actor: StoredEvent['actor'];
}

const SCAN_BATCH = 5000;
const seen = new WeakMap<EventStore, { after: number; results: PublishedResultListing[]; scanning?: Promise<void> }>();

export async function listPublishedResults(store: EventStore): Promise<PublishedResultListing[]> {
  let state = seen.get(store);
  if (!state) seen.set(store, (state = { after: 0, results: [] }));
  const s = state;
  // One scan at a time per store; a caller arriving during a scan waits for it and then catches up itself.
  while (s.scanning) await s.scanning;
  s.scanning = (async () => {
    for (;;) {
      const batch = await store.readAll({ after: s.after, limit: SCAN_BATCH });
      if (batch.length === 0) return;
      for (const e of batch) {
        if (e.type !== 'ResultsPublished') continue;
        // Omit/Pick (mapped types) so the store's Record<string, unknown> converts; a v1 result has no tree.
        const d = e.data as Omit<ResultsPublishedDataV2Shape, 'treeSize' | 'rootHash'> & Partial<Pick<ResultsPublishedDataV2Shape, 'treeSize' | 'rootHash'>>;
        s.results.push({ resultId: e.eventId, position: e.position, publishedAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor, ...d, treeSize: d.treeSize ?? null, rootHash: d.rootHash ?? null });
      }
      s.after = batch[batch.length - 1].position;
    }
  })();
  try {
    await s.scanning;
  } finally {
    s.scanning = undefined;
  }
  return [...s.results].reverse();
}
