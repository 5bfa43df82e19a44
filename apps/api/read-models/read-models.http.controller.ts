// Lists across units: the units, the rankings and the disputes.
import { Controller, ForbiddenException, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import type { Actor } from '../../../events/index.js';
import { formatInstant, parseInstant, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { listDisputes, listUnits, rankings } from '../../../projections/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { mayReadEverything, readScopeOf } from '../auth/read-policy.js';
import { RULEBOOK } from '../infrastructure/tokens.js';
import { DisputesRequestDto } from './disputes.request.dto.js';
import { RankingsRequestDto } from './rankings.request.dto.js';
import { ReadModels } from './read-models.service.js';
import { RankingsAt } from './rankings-at.service.js';
import { rank } from './rank-units.js';

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
  @ApiAnswer('The assessed units', 200, 'UnitList', 'Every assessed unit (the lead units included) with its name and kind')
  async units() {
    const { position } = await this.readModels.fresh();
    return { position, units: await listUnits(this.readModels.pool) };
  }

  @Get('rankings')
  @ApiAnswer('All units ranked by overall score', 200, 'Rankings', 'All units ordered by overall score, with their parts; 区政府办 and the lead units only')
  @ApiErrors(403)
  async rankings(@CurrentActor() actor: Actor, @Query() query: RankingsRequestDto) {
    const scope = readScopeOf(actor, this.rulebook);
    if (!mayReadEverything(scope) && scope.ledIndicators.size === 0) {
      throw new ForbiddenException([`actor: "${actor.unitId}" may read its own scores, not the rankings of every unit`]);
    }
    const { position } = await this.readModels.fresh();
    const offset = this.rulebook.utcOffsetMinutes;
    if (query.asOf === undefined && query.knownAt === undefined) {
      // The current view: the year end, as known now, from the read model (everything recorded up to `position`).
      // An empty ledger has no units yet, as the evaluator says of a time before anything was recorded.
      const rows = position === 0 ? [] : await rankings(this.readModels.pool);
      const units = rows.map(({ rank, unitId, name, kind, overall, parts }) => ({ rank, unitId, name, kind, overall, parts }));
      return { asOf: formatInstant(parseInstant(this.rulebook.year.to), offset), knownAt: formatInstant(Date.now(), offset), position, units };
    }
    // Another point in time: the score step functions and their revisions per recordedAt, no fold (ADR 0019).
    const scores = await this.rankingsAt.scoresAt(query.asOf, query.knownAt);
    const names = new Map((await listUnits(this.readModels.pool)).map((u) => [u.unitId, u]));
    return { asOf: scores.asOf, knownAt: scores.knownAt, position: null, units: rank(scores.units, names) };
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
    await this.readModels.fresh();
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const { total, rows } = await listDisputes(this.readModels.pool, {
      status: query.status,
      unitId: seesAll ? query.unitId : actor.unitId,
      ...(isLead ? { visibleTo: { unitId: actor.unitId, indicators: [...scope.ledIndicators] } } : {}),
      limit,
      offset,
    });
    return { total, limit, offset, disputes: rows };
  }
}
