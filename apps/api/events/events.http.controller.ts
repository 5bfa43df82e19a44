import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import { ref } from '../openapi/api-schemas.js';
import { isPlainObject, type Actor, type StoredEvent } from '../../../events/index.js';
import type { ExpectedRevision } from '../../../libs/event-store/src/event-store.port.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { AppendEventsCommand } from './append-events.command.js';
import { AppendRefusedError } from './append-refused.error.js';
import { ListEventsQuery } from './list-events.query.js';
import { ListEventsRequestDto } from './list-events.request.dto.js';

function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return value === 'no_stream' || value === 'any' || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
}

/** Accepts one event, an array, or `{ events, expectedRevisions }`; an event may carry its stream's `expectedRevision`. */
interface AppendBody {
  events: unknown[];
  /** Per stream id, from `expectedRevisions`. */
  expected: Record<string, ExpectedRevision>;
  /** Per event, its own `expectedRevision` (taken out of the event). */
  perEvent: (ExpectedRevision | undefined)[];
  single: boolean;
}

function parseAppendBody(body: unknown): AppendBody {
  const problems: string[] = [];
  let events: unknown[];
  const expected: Record<string, ExpectedRevision> = {};
  let single = false;
  if (Array.isArray(body)) events = body;
  else if (isPlainObject(body) && Array.isArray(body.events)) {
    events = body.events;
    const given = body.expectedRevisions ?? {};
    if (!isPlainObject(given)) problems.push('expectedRevisions: must be an object of stream id → revision');
    else
      for (const [streamId, revision] of Object.entries(given)) {
        if (isExpectedRevision(revision)) expected[streamId] = revision;
        else problems.push(`expectedRevisions.${streamId}: must be a revision (integer ≥ 0), "no_stream" or "any"`);
      }
  } else if (isPlainObject(body)) {
    events = [body];
    single = true;
  } else throw new AppendRefusedError('invalid', ['body: must be an event, an array of events, or { events, expectedRevisions }']);

  const perEvent: (ExpectedRevision | undefined)[] = [];
  const stripped = events.map((event, i) => {
    if (!isPlainObject(event) || !('expectedRevision' in event)) return event;
    const { expectedRevision, ...rest } = event;
    if (isExpectedRevision(expectedRevision)) perEvent[i] = expectedRevision;
    else problems.push(`events[${i}].expectedRevision: must be a revision (integer ≥ 0), "no_stream" or "any"`);
    return rest;
  });
  if (problems.length > 0) throw new AppendRefusedError('invalid', problems);
  return { events: stripped, expected, perEvent, single };
}

@ApiTags('events')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/events')
export class EventsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBody({ description: 'One event (docs/events.md, without recordedAt/actor), an array, or { events, expectedRevisions }', schema: ref('AppendRequest') })
  @ApiAnswer('Append events (all or nothing, idempotent by eventId)', 201, 'AppendResponse', 'The stored events, with position, stream revision and hashes')
  @ApiErrors(403, 409)
  async append(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<StoredEvent | StoredEvent[]> {
    const { events, expected, perEvent, single } = parseAppendBody(body);
    const stored = await this.commands.execute(new AppendEventsCommand(actor, events, expected, perEvent));
    return single ? stored[0] : stored;
  }

  @Get()
  @ApiAnswer('The trail: events in position order, paged, with their links', 200, 'EventPage', 'A page of events the key may read')
  @ApiErrors(403)
  async list(@CurrentActor() actor: Actor, @Query() query: ListEventsRequestDto) {
    return this.queries.execute(new ListEventsQuery(actor, query));
  }
}
