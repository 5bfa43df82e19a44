// The scores of a published result are fixed by what it pins (the ledger up to a position, asOf, knownAt), so
// GET /v1/results/:id recomputes them once per process instead of on every read (issue 10). Keyed by the
// ResultsPublished event's id and hash; a few dozen entries (a year has a handful of publications). Concurrent first
// reads share one computation. `?verify=true` always recomputes: that is its point.
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';

export class PublishedScoresCache {
  private readonly entries = new Map<string, Promise<ScoresDocument>>();

  constructor(private readonly capacity = 32) {}

  get(key: string, compute: () => Promise<ScoresDocument>): Promise<ScoresDocument> {
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
