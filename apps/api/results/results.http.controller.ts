import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { PublishResultsCommand } from './publish-results.command.js';
import { PublishResultsRequestDto } from './publish-results.request.dto.js';
import { verifyPublishedResult } from './published-results.js';
import { HEAVY_READS } from '../http/heavy-work.js';
import { publishedScores } from './published-scores.cache.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('results')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/results')
export class ResultsHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Post()
  @ApiAnswer('Publish results pinned to the ledger head', 201, 'PublishedResults', 'ResultsPublished appended; answers the pinned head, the digest and the scores')
  @ApiErrors(403)
  publish(@CurrentActor() actor: Actor, @Body() body: PublishResultsRequestDto) {
    return this.commands.execute(
      new PublishResultsCommand(actor, body.assessmentId, body.asOf, body.knownAt, body.occurredAt ?? new Date().toISOString()),
    );
  }

  @Get(':id')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' }, description: 'the resultId (the ResultsPublished event id)' })
  @ApiQuery({ name: 'verify', required: false, schema: { type: 'boolean' }, description: 'true: recompute the scores and digest and compare them with the published ones' })
  @ApiAnswer('A published result, optionally verified', 200, 'PublishedResult', 'The published result with its scores recomputed from the ledger at the pinned head')
  @ApiErrors([404, 'No published result with that id'])
  async get(@Param('id') id: string, @Query('verify') verify?: string) {
    if (!UUID.test(id)) throw new BadRequestException(['id: must be the UUID of a ResultsPublished event']);
    if (verify !== undefined && verify !== 'true' && verify !== 'false') throw new BadRequestException(['verify: must be true or false']);
    const [published] = await this.store.findByIds([id.toLowerCase()]);
    if (!published || published.type !== 'ResultsPublished') throw new NotFoundException([`id: no published result ${id}`]);
    const base = { resultId: published.eventId, position: published.position, publishedAt: published.occurredAt, recordedAt: published.recordedAt, actor: published.actor, ...published.data };
    if (verify === 'true') {
      const { scores, recomputed: _recomputed, ...verification } = await HEAVY_READS.run(() => verifyPublishedResult(this.store, this.rulebook, published));
      return { ...base, verification, scores };
    }
    // A published result never changes: its scores are computed once per process (keyed by the event's hash).
    const { scores } = await publishedScores(this.store, this.rulebook, published);
    return { ...base, scores };
  }
}
