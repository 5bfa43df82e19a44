import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
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
  @ApiAnswer('Scores at a valid time as known at a system time', 200, 'ScoresDocument', 'The scores JSON (docs/scores.md) at asOf (valid time) as known at knownAt (system time)')
  @ApiErrors(403, [404, 'The unit is not registered as known at knownAt'])
  scores(@CurrentActor() actor: Actor, @Query() query: ScoresRequestDto) {
    return this.queries.execute(new ScoresQuery(actor, query.unitId, query.asOf, query.knownAt));
  }
}
