// The scores of a published result are fixed by what it pins (the ledger up to a position, asOf, knownAt), so
// GET /v1/results/:id recomputes them once per process instead of on every read (issue 10). Keyed by the
// ResultsPublished event's id and hash; a few dozen entries (a year has a handful of publications). Concurrent first
// reads share one computation. `?verify=true` always recomputes: that is its point. The result's report
// (GET /v1/results/:id/report.*) takes its scores from the same entry, so the two always agree and the ledger is
// folded once per result and process.
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../event-store/src/event-store.port.js';
import type { Rulebook } from '../../rulebook/src/index.js';
import { scoresAtHead, type ScoresAtHead } from './published-results.js';

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

/** Runs a computation that walks the whole ledger: the API bounds how many run at once (apps/api/http/heavy-work.ts). */
export type WorkRunner = <T>(work: () => Promise<T>) => Promise<T>;
export const runDirectly: WorkRunner = (work) => work();

/** The scores (and unit names) of a published result at the head it pins, computed once per process. */
export function publishedScores(store: EventStore, rulebook: Rulebook, published: StoredEvent, run: WorkRunner = runDirectly): Promise<ScoresAtHead> {
  return PUBLISHED_SCORES.get(`${published.eventId}:${published.hash}`, () =>
    run(() => scoresAtHead(store, rulebook, published.data as { asOf: string; knownAt: string; ledgerPosition: number })),
  );
}
