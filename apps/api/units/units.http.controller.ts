import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UNIT_ID_PATTERN, type Actor } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { unitTimeline, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { mayReadUnit, readScopeOf } from '../auth/read-policy.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { TimelineRequestDto } from './timeline.request.dto.js';

@ApiTags('units')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/units')
export class UnitsHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Get(':unitId/timeline')
  @ApiOkResponse({
    description:
      'In valid-time order, every event of the unit and every deadline or outage threshold that changed its scores, with indicators, parts and overall before and after',
  })
  async timeline(@CurrentActor() actor: Actor, @Param('unitId') unitId: string, @Query() query: TimelineRequestDto) {
    if (!UNIT_ID_PATTERN.test(unitId)) throw new NotFoundException([`unitId: "${unitId}" is not a unit id`]);
    if (!mayReadUnit(readScopeOf(actor, this.rulebook), unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the timeline of "${unitId}"`]);
    }
    const events = await this.store.readUnit(unitId);
    const isLead = this.rulebook.leadUnits.some((u) => u.unitId === unitId);
    if (!isLead && !events.some((e) => e.type === 'UnitRegistered')) throw new NotFoundException([`unitId: no unit "${unitId}" is registered`]);
    const knownAt = query.knownAt ?? new Date().toISOString();
    return { unitId, knownAt, steps: unitTimeline(events, { rulebook: this.rulebook, unitId, knownAt, from: query.from, to: query.to }) };
  }
}
