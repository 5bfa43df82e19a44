import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook, ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { PublishResultsCommand } from './publish-results.command.js';
import { PublishResultsRequestDto } from './publish-results.request.dto.js';
import { verifyPublishedResult } from '../../../libs/application/src/published-results.js';
import { HEAVY_READS } from '../http/heavy-work.js';
import { publishedScores } from '../../../libs/application/src/published-scores.cache.js';
import { PageRequestDto, pageOf, pagedScores, unitSummary, type PageRequest } from '../http/list-page.js';
import type { StoredEvent } from '../../../events/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class ResultRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ type: 'boolean', description: 'true: recompute the scores and digest and compare them with the published ones' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'verify: must be true or false' }) verify?: string;
}

/**
 * A result's units as a page of summaries (unitId, parts, overall): every unit's full scores in one body would be
 * tens of megabytes on a large ledger. The full scores, paged, are GET /v1/results/{id}/scores.
 */
function summaryPage(scores: ScoresDocument, request: PageRequest) {
  const { items, ...page } = pageOf(scores.units, request);
  return { ...page, units: items.map(unitSummary) };
}

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
  @ApiAnswer(
    'Publish results pinned to the ledger head',
    201,
    'PublishedResults',
    'ResultsPublished appended; answers the pinned head, the digest, the signed checkpoint and the first page of the units\' summaries (GET /v1/results/{id} pages on)',
  )
  @ApiErrors(403)
  async publish(@CurrentActor() actor: Actor, @Body() body: PublishResultsRequestDto) {
    const { scores, ...published } = await this.commands.execute(
      new PublishResultsCommand(actor, body.assessmentId, body.asOf, body.knownAt, body.occurredAt ?? new Date().toISOString()),
    );
    return { ...published, ...summaryPage(scores, {}) };
  }

  @Get(':id')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' }, description: 'the resultId (the ResultsPublished event id)' })
  @ApiAnswer(
    'A published result, optionally verified',
    200,
    'PublishedResult',
    'The published result (header, pins, digest) with a page of its units\' part scores and overall, recomputed from the ledger at the pinned head; the full scores are GET /v1/results/{id}/scores',
  )
  @ApiErrors([404, 'No published result with that id'])
  async get(@Param('id') id: string, @Query() query: ResultRequestDto) {
    const published = await this.published(id);
    const base = { resultId: published.eventId, position: published.position, publishedAt: published.occurredAt, recordedAt: published.recordedAt, actor: published.actor, ...published.data };
    if (query.verify === 'true') {
      const { scores, recomputed: _recomputed, ...verification } = await HEAVY_READS.run(() => verifyPublishedResult(this.store, this.rulebook, published));
      return { ...base, verification, ...summaryPage(scores, query) };
    }
    return { ...base, ...summaryPage(await this.scoresOf(published), query) };
  }

  @Get(':id/scores')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' }, description: 'the resultId (the ResultsPublished event id)' })
  @ApiAnswer(
    'The full scores of a published result, paged',
    200,
    'ScoresPage',
    'A page of the scores JSON the result pins (every unit at the pinned head, asOf and knownAt). The pages\' units in order, under the header, are the document whose canonical JSON digests to scoresSha256',
  )
  @ApiErrors([404, 'No published result with that id'])
  async scores(@Param('id') id: string, @Query() query: PageRequestDto) {
    return pagedScores(await this.scoresOf(await this.published(id)), query);
  }

  private async published(id: string): Promise<StoredEvent> {
    if (!UUID.test(id)) throw new BadRequestException(['id: must be the UUID of a ResultsPublished event']);
    const [published] = await this.store.findByIds([id.toLowerCase()]);
    if (!published || published.type !== 'ResultsPublished') throw new NotFoundException([`id: no published result ${id}`]);
    return published;
  }

  /** A published result never changes: its scores are computed once per process (published-scores.cache.ts). */
  private async scoresOf(published: StoredEvent): Promise<ScoresDocument> {
    return (await publishedScores(this.store, this.rulebook, published, (work) => HEAVY_READS.run(work))).scores;
  }
}
