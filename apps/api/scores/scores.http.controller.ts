import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../events/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { ScoresQuery } from './scores.query.js';
import { ScoresRequestDto } from './scores.request.dto.js';

@ApiTags('scores')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/scores')
export class ScoresHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ description: 'The scores JSON of events.md §3 at asOf (valid time) as known at knownAt (system time)' })
  scores(@CurrentActor() actor: Actor, @Query() query: ScoresRequestDto) {
    return this.queries.execute(new ScoresQuery(actor, query.unitId, query.asOf, query.knownAt));
  }
}
