// The trail: events in position order, filtered and paged, limited to what the caller may read. Answered from the
// evidence index (one indexed query per page at any ledger size), then the page's envelopes from the store.
import { ForbiddenException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseInstant, tryParseInstant, type LedgerEvent, type StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { countTrail, findTrail, type Queryable, type TrailQuery } from '../../../projections/index.js';
import { mayReadEvent, mayReadEverything, mayReadUnit, readScopeOf, type ReadScope } from '../auth/read-policy.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { indexForLookup, indicatorsOfEvent } from './indicator-of-event.js';
import { ListEventsQuery, type EventPage } from './list-events.query.js';
import type { ListEventsRequestDto } from './list-events.request.dto.js';
import { ReadModels } from '../read-models/read-models.service.js';
import type { TrailLinks } from './trail-links.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import { EVIDENCE_STORAGE } from '../evidence/evidence.tokens.js';
import { withEvidenceFiles } from '../evidence/evidence-files.view.js';

/** Unusable events looked at per page, at most (they are a legacy anomaly: a handful in a poisoned ledger). */
const UNUSABLE_SCAN = 1000;
const NO_LINKS: TrailLinks = { retractedBy: null, disputes: [], overturnedBy: null };

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery, EventPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly readModels: ReadModels,
    @Inject(EVIDENCE_STORAGE) private readonly evidenceFiles: EvidenceStorage,
  ) {}

  async execute(query: ListEventsQuery): Promise<EventPage> {
    const { page, links } = await this.findPage(query);
    // The index rows read for the page carry their links already; an unusable event has none.
    const linked = page.events.map((e) => ({ ...e, links: links.get(e.eventId) ?? NO_LINKS }));
    return { ...page, events: await withEvidenceFiles(this.evidenceFiles, linked) };
  }

  private async findPage({ actor, filter }: ListEventsQuery): Promise<{ page: EventPage; links: Map<string, TrailLinks> }> {
    const scope = readScopeOf(actor, this.rulebook);
    if (filter.unitId && !mayReadUnit(scope, filter.unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the trail of "${filter.unitId}"`]);
    }
    const limit = filter.limit ?? 100;
    const after = filter.after ?? 0;
    // Read your writes (ADR 0004): the index holds everything appended before this request.
    await this.readModels.fresh();
    const query: Omit<TrailQuery, 'limit' | 'afterPosition'> = {
      unitId: filter.unitId,
      indicator: filter.indicator,
      type: filter.type,
      from: filter.from,
      to: filter.to,
      readableBy: mayReadEverything(scope) ? undefined : { ownUnit: scope.ownUnit, ledIndicators: [...scope.ledIndicators] },
    };
    const indexed = await findTrail(this.readModels.pool, { ...query, afterPosition: after, limit });
    // Beyond the index's page end there are index rows not read yet: unusable events count only up to it. Within a
    // unit they are read once for the whole trail, which its total counts too.
    const bound = indexed.nextAfterPosition ?? Number.MAX_SAFE_INTEGER;
    const ofUnit = filter.unitId ? await this.unusableMatches(this.readModels.pool, { after: 0, bound: Number.MAX_SAFE_INTEGER, scope, filter }) : null;
    const unusable = ofUnit
      ? ofUnit.filter((e) => e.position > after && e.position <= bound)
      : await this.unusableMatches(this.readModels.pool, { after, bound, scope, filter });
    const envelopes = await this.store.findByIds(indexed.rows.map((r) => r.eventId));
    const merged = [...envelopes, ...unusable].sort((a, b) => a.position - b.position);
    const events = merged.slice(0, limit);
    const more = merged.length > limit || indexed.nextAfterPosition !== null;
    const links = new Map(
      indexed.rows.map((r) => [r.eventId, { retractedBy: r.retractedByEventId, disputes: r.disputeIds, overturnedBy: r.overturnedByEventId }]),
    );
    const total = ofUnit ? (await countTrail(this.readModels.pool, query)) + ofUnit.length : await this.totalAcrossUnits(scope, filter);
    return { page: { events, nextAfter: more && events.length > 0 ? events[events.length - 1].position : null, total }, links };
  }

  /**
   * Events that match over all pages across units, where that is cheap: everything, for a reader of everything without
   * filters (positions are gap-free: the head). Otherwise null, as documented; within a unit it is counted above.
   */
  private async totalAcrossUnits(scope: ReadScope, filter: ListEventsRequestDto): Promise<number | null> {
    const unfiltered = mayReadEverything(scope) && !filter.indicator && !filter.type && !filter.from && !filter.to;
    return unfiltered ? (await this.store.head()).position : null;
  }

  /**
   * Events the projector had to pass over (a date an older version stored unchecked) are in no read model, but still
   * in the trail, where V8 places their date: filtered here, one by one, as the trail did before the index.
   */
  private async unusableMatches(
    pool: Queryable,
    q: { after: number; bound: number; scope: ReadScope; filter: ListEventsRequestDto },
  ): Promise<StoredEvent[]> {
    const { rows } = await pool.query<{ event_id: string }>(
      'SELECT event_id FROM unusable_events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3',
      [q.after, q.bound, UNUSABLE_SCAN],
    );
    if (rows.length === 0) return [];
    const events = await this.store.findByIds(rows.map((r) => r.event_id));
    const from = q.filter.from ? parseInstant(q.filter.from) : -Infinity;
    const to = q.filter.to ? parseInstant(q.filter.to) : Infinity;
    const lookup = { byId: new Map<string, LedgerEvent>(), disputes: new Map<string, LedgerEvent>() };
    const loadedUnits = new Set<string>();
    const matching: StoredEvent[] = [];
    for (const e of events) {
      const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : null;
      // A retraction or a dispute is about the indicators of what it names, which lie in its unit's stream (read once).
      if (unitId && !loadedUnits.has(unitId) && ['FindingRetracted', 'DisputeFiled', 'DisputeResolved'].includes(e.type)) {
        loadedUnits.add(unitId);
        indexForLookup(await this.store.readUnit(unitId), lookup);
      }
      const indicators = indicatorsOfEvent(e, this.rulebook, lookup);
      const at = tryParseInstant(e.occurredAt) ?? Date.parse(e.occurredAt);
      if (!mayReadEvent(q.scope, { unitId, indicators })) continue;
      if (q.filter.unitId && unitId !== q.filter.unitId) continue;
      if (q.filter.indicator && !indicators.includes(q.filter.indicator)) continue;
      if (q.filter.type && e.type !== q.filter.type) continue;
      if (at >= from && at <= to) matching.push(e);
    }
    return matching;
  }
}
