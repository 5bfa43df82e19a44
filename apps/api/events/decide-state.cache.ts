// What decide needs to know about a stream, kept between appends so an append need not re-read the unit's whole
// stream. Optimistic: a cached state is used as is, and the append is guarded by its revision; when another
// process appended meanwhile, the store answers with a conflict and the caller drops the entry and reads again.
// A stale state can also REFUSE what is valid (a dispute filed through another API process or the CLI is unknown
// here, issue 10): so before a refusal is answered, `catchUp` reads what the stream gained since the cached revision
// and the caller decides again. Only refusals pay for that read; an acceptance is guarded by the revision anyway.
import type { EventStore, ExpectedRevision } from '../../../libs/event-store/src/event-store.port.js';
import { foldLedgerState, initialLedgerState, type FoldableEvent, type LedgerState } from '../../../libs/ledger/src/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';

interface Entry {
  revision: ExpectedRevision;
  state: LedgerState;
}

export class DecideStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: EventStore,
    private readonly rulebook: Rulebook,
    private readonly capacity = 2000,
  ) {}

  /** The state of the given streams and the revision each was at. Callers must hold the streams' keys. */
  async load(streamIds: readonly string[]): Promise<{ state: LedgerState; revisions: Map<string, ExpectedRevision> }> {
    if (streamIds.length === 1) {
      const entry = await this.entry(streamIds[0]);
      return { state: entry.state, revisions: new Map([[streamIds[0], entry.revision]]) };
    }
    // Several streams in one request are rare (a batch across units): fold them afresh into one state.
    let state = initialLedgerState(this.rulebook);
    const revisions = new Map<string, ExpectedRevision>();
    for (const streamId of streamIds) {
      const stored = await this.store.readStream(streamId);
      state = foldLedgerState(state, stored);
      revisions.set(streamId, stored.length === 0 ? 'no_stream' : stored[stored.length - 1].streamRevision);
    }
    return { state, revisions };
  }

  /** After a successful append: fold what was stored into the cached state of a single stream. */
  appended(streamId: string, events: readonly FoldableEvent[], revision: number): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    foldLedgerState(entry.state, events);
    entry.revision = revision;
  }

  /**
   * Folds into the cached entry whatever its stream gained since the cached revision (another process appended).
   * True when something was new. Several streams are always loaded fresh, so only a single cached one can be stale.
   */
  async catchUp(streamIds: readonly string[]): Promise<boolean> {
    if (streamIds.length !== 1) return false;
    const entry = this.entries.get(streamIds[0]);
    if (!entry) return false;
    const fromRevision = entry.revision === 'no_stream' ? 0 : typeof entry.revision === 'number' ? entry.revision + 1 : 0;
    const newer = await this.store.readStream(streamIds[0], { fromRevision });
    if (newer.length === 0) return false;
    foldLedgerState(entry.state, newer);
    entry.revision = newer[newer.length - 1].streamRevision;
    return true;
  }

  forget(streamIds: readonly string[]): void {
    for (const id of streamIds) this.entries.delete(id);
  }

  private async entry(streamId: string): Promise<Entry> {
    const cached = this.entries.get(streamId);
    if (cached) {
      // Most recently used last, so the first key is the one to evict.
      this.entries.delete(streamId);
      this.entries.set(streamId, cached);
      return cached;
    }
    const stored = await this.store.readStream(streamId);
    const entry: Entry = {
      state: foldLedgerState(initialLedgerState(this.rulebook), stored),
      revision: stored.length === 0 ? 'no_stream' : stored[stored.length - 1].streamRevision,
    };
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
