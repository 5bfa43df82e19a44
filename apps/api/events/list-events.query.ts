import { Query } from '@nestjs/cqrs';
import type { Actor, StoredEvent } from '../../../events/index.js';
import type { ListEventsRequestDto } from './list-events.request.dto.js';

export interface EventPage {
  events: StoredEvent[];
  /** Pass as `after` for the next page; null when this is the last. */
  nextAfter: number | null;
  /**
   * Events that match over all pages, where that is known without reading the whole log: with unitId (the unit's
   * stream is read anyway) or, for a reader of everything, without filters (the head position). Otherwise null.
   */
  total: number | null;
}

export class ListEventsQuery extends Query<EventPage> {
  constructor(
    readonly actor: Actor,
    readonly filter: ListEventsRequestDto,
  ) {
    super();
  }
}
