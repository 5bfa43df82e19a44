// "Not known yet" (docs/scores.md): before the ledger's first event was recorded there are no units at all, not
// even the lead units. One check for GET /v1/scores and GET /v1/rankings, so the two answer the same.
import { parseInstant } from '../../../../events/index.js';
import type { EventStore } from '../../../event-store/src/event-store.port.js';

/** Whether the ledger's first event was recorded by knownAt (epoch ms or an instant). */
export async function anythingRecordedBy(store: EventStore, knownAt: number | string): Promise<boolean> {
  const [first] = await store.readAll({ after: 0, limit: 1 });
  const at = typeof knownAt === 'number' ? knownAt : parseInstant(knownAt);
  return first !== undefined && parseInstant(first.recordedAt) <= at;
}
