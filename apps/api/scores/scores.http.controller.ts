import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ description: 'The scores JSON of events.md §3 at asOf (valid time) as known at knownAt (system time)' })
  async scores(@CurrentActor() actor: Actor, @Query() query: ScoresRequestDto) {
    const document: ScoresDocument = await this.queries.execute(new ScoresQuery(actor, query.unitId, query.asOf, query.knownAt));
    return query.withEvidence === 'true' ? withScoresEvidence(document, this.store, this.evidenceFiles) : document;
  }
}
