import { Query } from '@nestjs/cqrs';
import type { Actor, StoredEvent } from '../../../events/index.js';
import type { ListEventsRequestDto } from './list-events.request.dto.js';

export interface EventPage {
  events: StoredEvent[];
  /** Pass as `after` for the next page; null when this is the last. */
  nextAfter: number | null;
}

export class ListEventsQuery extends Query<EventPage> {
  constructor(
    readonly actor: Actor,
    readonly filter: ListEventsRequestDto,
  ) {
    super();
  }
}
