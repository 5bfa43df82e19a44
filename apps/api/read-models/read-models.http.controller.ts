// Lists across units: the units, the rankings and the disputes.
import { BadRequestException, Controller, ForbiddenException, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import { formatInstant, parseInstant, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { listDisputes, listUnits } from '../../../projections/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { mayReadEverything, readScopeOf } from '../auth/read-policy.js';
import { RULEBOOK } from '../infrastructure/tokens.js';
import { DisputesRequestDto } from './disputes.request.dto.js';
import { RankingsRequestDto } from './rankings.request.dto.js';
import { ReadModels } from './read-models.service.js';
import { RankingsAt } from '../../../libs/application/src/rankings/rankings-at.js';
import { answerRankings } from '../../../libs/application/src/rankings/rankings.source.js';
import { PageRequestDto, pageOf } from '../http/list-page.js';

@ApiTags('units')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ReadModelsHttpController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly rankingsAt: RankingsAt,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Get('units')
  @ApiAnswer('The assessed units, paged', 200, 'UnitList', 'A page of the assessed units (the lead units included) with name and kind, with total and nextAfter')
  async units(@Query() query: PageRequestDto) {
    const { position } = await this.readModels.fresh();
    const { items, ...page } = pageOf(await listUnits(this.readModels.pool), query);
    return { position, ...page, units: items };
  }

  @Get('rankings')
  @ApiAnswer('All units ranked by overall score, paged', 200, 'Rankings', 'A page of all units ordered by overall score (ranks over all units), with their parts, total and nextAfter; 区政府办 and the lead units only')
  @ApiErrors(403)
  async rankings(@CurrentActor() actor: Actor, @Query() query: RankingsRequestDto) {
    const scope = readScopeOf(actor, this.rulebook);
    if (!mayReadEverything(scope) && scope.ledIndicators.size === 0) {
      throw new ForbiddenException([`actor: "${actor.unitId}" may read its own scores, not the rankings of every unit`]);
    }
    const { position } = await this.readModels.fresh();
    const answer = await answerRankings(this.readModels.pool, this.rankingsAt, query, position);
    // Ranked over all units first, so a page shows the ranks of the whole list.
    const { items, ...page } = pageOf(answer.units, query);
    if (answer.at) return { ...answer.at, position: null, ...page, units: items };
    // The current view: the year end, as known now (everything recorded up to `position`).
    const offset = this.rulebook.utcOffsetMinutes;
    return { asOf: formatInstant(parseInstant(this.rulebook.year.to), offset), knownAt: formatInstant(Date.now(), offset), position, ...page, units: items };
  }

  @Get('disputes')
  @ApiAnswer('Disputes with status and decision', 200, 'DisputePage', 'Disputes in filing order, with status, decision and times; an assessed unit sees its own')
  @ApiErrors(403)
  async disputes(@CurrentActor() actor: Actor, @Query() query: DisputesRequestDto) {
    const scope = readScopeOf(actor, this.rulebook);
    // 区政府办 sees every dispute; a lead those about the indicators it leads (and its own); a unit its own.
    const isLead = !mayReadEverything(scope) && scope.ledIndicators.size > 0;
    const seesAll = mayReadEverything(scope) || isLead;
    if (!seesAll && query.unitId !== undefined && query.unitId !== actor.unitId) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may read its own disputes, not those of "${query.unitId}"`]);
    }
    if (query.after !== undefined && query.offset !== undefined) throw new BadRequestException(['offset: the older name of after; give one of them']);
    await this.readModels.fresh();
    const limit = query.limit ?? 100;
    const offset = query.after ?? query.offset ?? 0;
    const { total, rows } = await listDisputes(this.readModels.pool, {
      status: query.status,
      unitId: seesAll ? query.unitId : actor.unitId,
      ...(isLead ? { visibleTo: { unitId: actor.unitId, indicators: [...scope.ledIndicators] } } : {}),
      limit,
      offset,
    });
    return { total, limit, offset, nextAfter: offset + rows.length < total ? offset + rows.length : null, disputes: rows };
  }
}
