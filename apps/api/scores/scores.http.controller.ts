import { BadRequestException, Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { ScoresQuery } from './scores.query.js';
import { ScoresRequestDto, ScoresSummaryRequestDto } from './scores.request.dto.js';
import { pagedScores, unitSummary } from '../http/list-page.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { EVIDENCE_STORAGE } from '../evidence/evidence.tokens.js';
import { withScoresEvidence } from '../evidence/scores-evidence.js';

@ApiTags('scores')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/scores')
export class ScoresHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVIDENCE_STORAGE) private readonly evidenceFiles: EvidenceStorage,
  ) {}

  @Get()
  @ApiAnswer(
    'Scores at a valid time as known at a system time',
    200,
    'ScoresPage',
    'With unitId: the scores JSON (docs/scores.md) of that unit at asOf (valid time) as known at knownAt (system time), byte for byte what `ledger evaluate --unit` prints. Without: a page of every unit the caller may read (limit, after), with total and nextAfter',
  )
  @ApiErrors(403, [404, 'The unit is not registered as known at knownAt'])
  async scores(@CurrentActor() actor: Actor, @Query() query: ScoresRequestDto) {
    if (query.unitId !== undefined) {
      // One unit is one document, not a list: paging it would only change the bytes `ledger evaluate` prints.
      for (const field of ['limit', 'after'] as const) {
        if (query[field] !== undefined) throw new BadRequestException([`${field}: pages the list of all units; omit it with unitId`]);
      }
    }
    const document: ScoresDocument = await this.queries.execute(new ScoresQuery(actor, query.unitId, query.asOf, query.knownAt));
    const answer = query.unitId !== undefined ? document : pagedScores(document, query);
    return query.withEvidence === 'true' ? withScoresEvidence(answer, this.store, this.evidenceFiles) : answer;
  }

  @Get('summary')
  @ApiAnswer(
    'Every unit\'s part scores and overall, paged',
    200,
    'ScoresSummaryPage',
    'A page of every unit the caller may read at asOf as known at knownAt: per unit the six part scores and the overall, without indicators or traces (the scores JSON of GET /v1/scores, summarised)',
  )
  @ApiErrors(403, [404, 'The caller\'s own unit is not registered as known at knownAt'])
  async summary(@CurrentActor() actor: Actor, @Query() query: ScoresSummaryRequestDto) {
    const document: ScoresDocument = await this.queries.execute(new ScoresQuery(actor, undefined, query.asOf, query.knownAt));
    const { units, ...page } = pagedScores(document, query);
    return { ...page, units: units.map(unitSummary) };
  }
}

