import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { ScoresQuery } from './scores.query.js';
import { ScoresRequestDto } from './scores.request.dto.js';
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
  @ApiAnswer('Scores at a valid time as known at a system time', 200, 'ScoresDocument', 'The scores JSON (docs/scores.md) at asOf (valid time) as known at knownAt (system time)')
  @ApiErrors(403, [404, 'The unit is not registered as known at knownAt'])
  async scores(@CurrentActor() actor: Actor, @Query() query: ScoresRequestDto) {
    const document: ScoresDocument = await this.queries.execute(new ScoresQuery(actor, query.unitId, query.asOf, query.knownAt));
    return query.withEvidence === 'true' ? withScoresEvidence(document, this.store, this.evidenceFiles) : document;
  }
}
