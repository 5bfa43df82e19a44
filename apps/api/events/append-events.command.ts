import { Command } from '@nestjs/cqrs';
import type { Actor, StoredEvent } from '../../../events/index.js';
import type { ExpectedRevision } from '../../../libs/event-store/src/event-store.port.js';

/** Append one or several events, all or nothing, as `actor`. `events` is raw input: the handler validates it. */
export class AppendEventsCommand extends Command<StoredEvent[]> {
  constructor(
    readonly actor: Actor,
    readonly events: unknown[],
    /** Per stream id; streams not named are guarded by the revision the handler read. */
    readonly expectedRevisions: Record<string, ExpectedRevision> = {},
    /** Per event, the revision its stream must be at before this request (the same as naming the stream). */
    readonly eventExpectedRevisions: (ExpectedRevision | undefined)[] = [],
    /** Only the publish path may append ResultsPublished: its digest must be computed, not supplied. */
    readonly publishing = false,
  ) {
    super();
  }
}
