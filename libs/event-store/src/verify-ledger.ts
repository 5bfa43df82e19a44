// `ledger verify` and GET /v1/verify: walk the whole log in position order and recompute every stream's chain.
import { ChainVerifier, type ChainReport } from '../../ledger/src/hash-chain.js';
import type { EventStore } from './event-store.port.js';

export async function verifyLedger(
  store: EventStore,
  options: { batchSize?: number; checkPositions?: boolean; onProgress?: (done: number) => void } = {},
): Promise<ChainReport> {
  const verifier = new ChainVerifier(100, { checkPositions: options.checkPositions ?? true });
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: options.batchSize ?? 5000 });
    if (batch.length === 0) break;
    for (const event of batch) verifier.add(event);
    after = batch[batch.length - 1].position;
    options.onProgress?.(verifier.result().events);
  }
  return verifier.result();
}
