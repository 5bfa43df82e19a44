// Who may use an uploaded file: the unit that uploaded it, and whoever may see an event that references it (the
// trail's read policy, apps/api/auth/read-policy.ts). The same answer serves a download and a reference in an
// append, so an actor can neither read nor cite a file it could not see — and both say "not found" alike.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import type { Actor, LedgerEvent } from '../../../events/index.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { referencesOf } from '../../../projections/evidence-files/evidence-files.query.js';
import type { Projector } from '../../../projections/index.js';
import { mayReadEvent, readScopeOf } from '../auth/read-policy.js';
import { indexForLookup, indicatorsOfEvent } from '../events/indicator-of-event.js';
import { EVIDENCE_DEPS, EVIDENCE_STORAGE } from './evidence.tokens.js';

export interface EvidenceAccessDeps {
  pool: pg.Pool;
  store: EventStore;
  rulebook: Rulebook;
  projector: Projector;
}

// The references are a read model: wait briefly for it to reach the head, so an event just appended counts.
const FRESHNESS_WAIT_MS = 2000;
const LINKING_TYPES = new Set(['FindingRetracted', 'DisputeFiled', 'DisputeResolved']);

@Injectable()
export class EvidenceAccess {
  private readonly logger = new Logger('evidence');

  constructor(
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(EVIDENCE_DEPS) private readonly deps: EvidenceAccessDeps,
  ) {}

  /** Of `hashes`, the stored files `actor` may read and cite. */
  async usableBy(actor: Actor, hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const usable = await this.storage.uploadedBy(actor.unitId, hashes);
    const rest = hashes.filter((h) => !usable.has(h));
    if (rest.length === 0) return usable;
    const head = (await this.deps.store.head()).position;
    await this.deps.projector.waitFor(head, FRESHNESS_WAIT_MS).catch((e: Error) => this.logger.warn(e.message));
    const refs = await referencesOf(this.deps.pool, rest);
    if (refs.length === 0) return usable;
    const scope = readScopeOf(actor, this.deps.rulebook);
    const undecided = refs.filter((r) => {
      if (usable.has(r.sha256)) return false;
      if (scope.everything || (r.unitId !== null && r.unitId === scope.ownUnit)) {
        usable.add(r.sha256);
        return false;
      }
      return true;
    });
    if (undecided.length > 0 && scope.ledIndicators.size > 0) {
      // A lead unit reads the events of the indicators it leads: ask the trail's own question of each event.
      const events = await this.deps.store.findByIds([...new Set(undecided.map((r) => r.eventId))]);
      const lookup = { byId: new Map<string, LedgerEvent>(), disputes: new Map<string, LedgerEvent>() };
      for (const unitId of new Set(events.filter((e) => LINKING_TYPES.has(e.type)).map((e) => String(e.data.unitId)))) {
        indexForLookup(await this.deps.store.readUnit(unitId), lookup);
      }
      indexForLookup(events, lookup);
      const byId = new Map(events.map((e) => [e.eventId, e]));
      for (const ref of undecided) {
        const event = byId.get(ref.eventId);
        if (event && mayReadEvent(scope, { unitId: ref.unitId, indicators: indicatorsOfEvent(event, this.deps.rulebook, lookup) })) usable.add(ref.sha256);
      }
    }
    // References are only ever to stored files; say nothing of a hash the storage does not hold.
    const stored = await this.storage.existing([...usable]);
    return new Set([...usable].filter((h) => stored.has(h)));
  }

  async mayRead(actor: Actor, sha256: string): Promise<boolean> {
    return (await this.usableBy(actor, [sha256])).has(sha256);
  }
}
