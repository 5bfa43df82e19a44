// The global log in batches, from a position and (optionally) up to a pinned head, for every whole-ledger walk:
// scores of all units, published results, export, verification.
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from './event-store.port.js';

export async function* readLog(
  store: EventStore,
  options: { after?: number; through?: number; batchSize?: number } = {},
): AsyncGenerator<StoredEvent[]> {
  const through = options.through ?? Infinity;
  for (let after = options.after ?? 0; after < through; ) {
    const read = await store.readAll({ after, limit: options.batchSize ?? 5000 });
    // Positions may have gaps (EventStoreDB), so the pin is applied to positions, not to a count.
    const batch = read.filter((e) => e.position <= through);
    if (batch.length > 0) yield batch;
    if (batch.length < read.length || read.length === 0) return;
    after = batch[batch.length - 1].position;
  }
}
