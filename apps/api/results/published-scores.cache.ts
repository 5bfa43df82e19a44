// The scores of a published result are fixed by what it pins (the ledger up to a position, asOf, knownAt), so
// GET /v1/results/:id recomputes them once per process instead of on every read (issue 10). Keyed by the
// ResultsPublished event's id and hash; a few dozen entries (a year has a handful of publications). Concurrent first
// reads share one computation. `?verify=true` always recomputes: that is its point. The result's report
// (GET /v1/results/:id/report.*) takes its scores from the same entry, so the two always agree and the ledger is
// folded once per result and process.
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { HEAVY_READS } from '../http/heavy-work.js';
import { scoresAtHead, type ScoresAtHead } from '../../../libs/application/src/published-results.js';

export class PublishedScoresCache {
  private readonly entries = new Map<string, Promise<ScoresAtHead>>();

  constructor(private readonly capacity = 32) {}

  get(key: string, compute: () => Promise<ScoresAtHead>): Promise<ScoresAtHead> {
    const known = this.entries.get(key);
    if (known) return known;
    const pending = compute();
    this.entries.set(key, pending);
    // A failed computation (database away) is not remembered.
    pending.catch(() => this.entries.delete(key));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return pending;
  }
}

const PUBLISHED_SCORES = new PublishedScoresCache();

/** The scores (and unit names) of a published result at the head it pins, computed once per process. */
export function publishedScores(store: EventStore, rulebook: Rulebook, published: StoredEvent): Promise<ScoresAtHead> {
  return PUBLISHED_SCORES.get(`${published.eventId}:${published.hash}`, () =>
    HEAVY_READS.run(() => scoresAtHead(store, rulebook, published.data as { asOf: string; knownAt: string; ledgerPosition: number })),
  );
}
