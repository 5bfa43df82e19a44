// The trail: events in position order, filtered and paged, limited to what the caller may read.
import { ForbiddenException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { mayReadEvent, mayReadUnit, readScopeOf } from '../auth/read-policy.js';
import { RULEBOOK, EVENT_STORE } from '../infrastructure/tokens.js';
import { indicatorOfEvent } from './indicator-of-event.js';
import { ListEventsQuery, type EventPage } from './list-events.query.js';

const SCAN_BATCH = 2000;

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery, EventPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  async execute({ actor, filter }: ListEventsQuery): Promise<EventPage> {
    const scope = readScopeOf(actor, this.rulebook);
    if (filter.unitId && !mayReadUnit(scope, filter.unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the trail of "${filter.unitId}"`]);
    }
    const limit = filter.limit ?? 100;
    const after = filter.after ?? 0;
    const from = filter.from ? Date.parse(filter.from) : -Infinity;
    const to = filter.to ? Date.parse(filter.to) : Infinity;
    const byId = new Map<string, StoredEvent>();
    const matches = (e: StoredEvent): boolean => {
      const indicator = indicatorOfEvent(e, this.rulebook, byId);
      const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : null;
      if (!mayReadEvent(scope, { unitId, indicator })) return false;
      if (filter.unitId && unitId !== filter.unitId) return false;
      if (filter.indicator && indicator !== filter.indicator) return false;
      if (filter.type && e.type !== filter.type) return false;
      const at = Date.parse(e.occurredAt);
      return at >= from && at <= to;
    };

    const page: StoredEvent[] = [];
    if (filter.unitId) {
      const events = await this.store.readUnit(filter.unitId);
      for (const e of events) byId.set(e.eventId, e);
      for (const e of events) if (e.position > after && matches(e)) page.push(e);
      return { events: page.slice(0, limit), nextAfter: page.length > limit ? page[limit - 1].position : null };
    }
    // Without a unit, walk the global log from the cursor until the page is full. A retraction's indicator is
    // that of the finding it retracts, looked up by id when the finding is not in the window.
    let cursor = after;
    for (;;) {
      const batch = await this.store.readAll({ after: cursor, limit: SCAN_BATCH });
      if (batch.length === 0) return { events: page, nextAfter: null };
      const missing = batch.filter((e) => e.type === 'FindingRetracted').map((e) => String(e.data.findingEventId));
      for (const e of missing.length ? await this.store.findByIds(missing) : []) byId.set(e.eventId, e);
      for (const e of batch) {
        byId.set(e.eventId, e);
        if (!matches(e)) continue;
        if (page.length === limit) return { events: page, nextAfter: page[limit - 1].position };
        page.push(e);
      }
      cursor = batch[batch.length - 1].position;
    }
  }
}
