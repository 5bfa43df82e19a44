// The trail: events in position order, filtered and paged, limited to what the caller may read.
import { ForbiddenException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseInstant, tryParseInstant, type LedgerEvent, type StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { mayReadEverything, mayReadEvent, mayReadUnit, readScopeOf } from '../auth/read-policy.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { indexForLookup, indicatorsOfEvent } from './indicator-of-event.js';
import { ListEventsQuery, type EventPage } from './list-events.query.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { withLinks } from './trail-links.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import { EVIDENCE_STORAGE } from '../evidence/evidence.tokens.js';
import { withEvidenceFiles } from '../evidence/evidence-files.view.js';

const SCAN_BATCH = 2000;

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery, EventPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly readModels: ReadModels,
    @Inject(EVIDENCE_STORAGE) private readonly evidenceFiles: EvidenceStorage,
  ) {}

  async execute(query: ListEventsQuery): Promise<EventPage> {
    const page = await this.findPage(query);
    await this.readModels.fresh();
    return { ...page, events: await withEvidenceFiles(this.evidenceFiles, await withLinks(this.readModels.pool, page.events)) };
  }

  private async findPage({ actor, filter }: ListEventsQuery): Promise<EventPage> {
    const scope = readScopeOf(actor, this.rulebook);
    if (filter.unitId && !mayReadUnit(scope, filter.unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the trail of "${filter.unitId}"`]);
    }
    const limit = filter.limit ?? 100;
    const after = filter.after ?? 0;
    const from = filter.from ? parseInstant(filter.from) : -Infinity;
    const to = filter.to ? parseInstant(filter.to) : Infinity;
    const lookup = { byId: new Map<string, LedgerEvent>(), disputes: new Map<string, LedgerEvent>() };
    const matches = (e: StoredEvent): boolean => {
      const indicators = indicatorsOfEvent(e, this.rulebook, lookup);
      const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : null;
      if (!mayReadEvent(scope, { unitId, indicators })) return false;
      if (filter.unitId && unitId !== filter.unitId) return false;
      if (filter.indicator && !indicators.includes(filter.indicator)) return false;
      if (filter.type && e.type !== filter.type) return false;
      // An event an older version stored with a date the strict parser refuses is still listed where V8 places it.
      const at = tryParseInstant(e.occurredAt) ?? Date.parse(e.occurredAt);
      return at >= from && at <= to;
    };
    const page = (events: StoredEvent[], total: number | null): EventPage =>
      events.length > limit ? { events: events.slice(0, limit), nextAfter: events[limit - 1].position, total } : { events, nextAfter: null, total };

    if (filter.unitId) {
      // A unit's trail holds everything its disputes and retractions refer to (references stay within a unit).
      const events = await this.store.readUnit(filter.unitId);
      indexForLookup(events, lookup);
      const matching = events.filter(matches);
      return page(matching.filter((e) => e.position > after).slice(0, limit + 1), matching.length);
    }
    // Positions are gap-free: everything, unfiltered, is the head position. Any filter would need the whole log read.
    const unfiltered = mayReadEverything(scope) && !filter.indicator && !filter.type && !filter.from && !filter.to;
    const total = unfiltered ? (await this.store.head()).position : null;
    // Without a unit, walk the global log from the cursor until the page is full, loading the streams of units
    // whose disputes or retractions refer back before the window.
    const loadedUnits = new Set<string>();
    const found: StoredEvent[] = [];
    for (let cursor = after; ; ) {
      const batch = await this.store.readAll({ after: cursor, limit: SCAN_BATCH });
      if (batch.length === 0) return page(found, total);
      for (const e of batch) {
        const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : null;
        if (unitId && ['FindingRetracted', 'DisputeFiled', 'DisputeResolved'].includes(e.type) && !loadedUnits.has(unitId)) {
          loadedUnits.add(unitId);
          indexForLookup(await this.store.readUnit(unitId), lookup);
        }
        indexForLookup([e], lookup);
        if (!matches(e)) continue;
        found.push(e);
        if (found.length > limit) return page(found, total);
      }
      cursor = batch[batch.length - 1].position;
    }
  }
}
