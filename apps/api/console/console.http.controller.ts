// Routes the web console reads to shape itself: who the key is and what it may do, the rulebook it is judged by,
// and the list of published results. Plain reads of what the API already decides with; every action still goes
// through the ordinary routes, which remain the authority.
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { meOf, rulebookView } from './console-context.js';
import { listPublishedResults } from './published-results.list.js';
import { ME_SCHEMA, RESULTS_LIST_SCHEMA, RULEBOOK_SCHEMA } from './console.schemas.js';
import { PageRequestDto, pageOf } from '../http/list-page.js';

@ApiTags('console')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ConsoleHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'Who this key is and what it may do' })
  @ApiOkResponse({ schema: ME_SCHEMA, description: 'The caller (from the key), its role, the indicators it leads, what it may do, and the record forms of the event types it may append (derived from the event catalogue)' })
  me(@CurrentActor() actor: Actor) {
    return meOf(actor, this.rulebook);
  }

  @Get('rulebook')
  @ApiOperation({ summary: 'The rulebook in force, with the year\'s milestones' })
  @ApiOkResponse({ schema: RULEBOOK_SCHEMA, description: 'The rulebook in force: year, parts, indicators (max, kind, leads, interpretations, titles zh/en), interpretations, lead units, milestones of the year' })
  rulebookOf() {
    return rulebookView(this.rulebook);
  }

  @Get('results')
  @ApiOperation({ summary: 'The published results, paged' })
  @ApiOkResponse({ schema: RESULTS_LIST_SCHEMA, description: 'A page of the published results, newest first, with total and nextAfter (everyone may read them)' })
  async results(@Query() query: PageRequestDto) {
    const { items, ...page } = pageOf(await listPublishedResults(this.store), query);
    return { ...page, results: items };
  }
}
