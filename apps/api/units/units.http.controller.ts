import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../openapi/api-answers.decorator.js';
import { UNIT_ID_PATTERN, type Actor, type LedgerEvent, type StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { unitTimeline, type Rulebook, type TimelineStep } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { mayReadEvent, mayReadUnit, readScopeOf, type ReadScope } from '../auth/read-policy.js';
import { indexForLookup, indicatorsOfEvent } from '../events/indicator-of-event.js';
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
  @ApiAnswer(
    'What changed a unit\'s scores, step by step',
    200,
    'Timeline',
    'In valid-time order, every event of the unit and every deadline or outage threshold that changed its scores, with indicators, parts and overall before and after',
  )
  @ApiErrors(403, [404, 'No such unit is registered'])
  async timeline(@CurrentActor() actor: Actor, @Param('unitId') unitId: string, @Query() query: TimelineRequestDto) {
    if (!UNIT_ID_PATTERN.test(unitId)) throw new NotFoundException([`unitId: "${unitId}" is not a unit id`]);
    const scope = readScopeOf(actor, this.rulebook);
    if (!mayReadUnit(scope, unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the timeline of "${unitId}"`]);
    }
    const events = await this.store.readUnit(unitId);
    const isLead = this.rulebook.leadUnits.some((u) => u.unitId === unitId);
    if (!isLead && !events.some((e) => e.type === 'UnitRegistered')) throw new NotFoundException([`unitId: no unit "${unitId}" is registered`]);
    const knownAt = query.knownAt ?? new Date().toISOString();
    const steps = unitTimeline(events, { rulebook: this.rulebook, unitId, knownAt, from: query.from, to: query.to });
    return { unitId, knownAt, steps: this.visibleSteps(scope, unitId, events, steps) };
  }

  /**
   * A lead reading another unit sees that unit's scores, but of the events only those of the indicators it leads,
   * and of the changes only those to its indicators (parts and overall stay, as in GET /v1/scores).
   */
  private visibleSteps(scope: ReadScope, unitId: string, events: StoredEvent[], steps: TimelineStep[]): TimelineStep[] {
    if (scope.everything || scope.ownUnit === unitId) return steps;
    const lookup = { byId: new Map<string, LedgerEvent>(), disputes: new Map<string, LedgerEvent>() };
    indexForLookup(events, lookup);
    const readable = (eventId: string) => {
      const event = lookup.byId.get(eventId);
      return event !== undefined && mayReadEvent(scope, { unitId, indicators: indicatorsOfEvent(event, this.rulebook, lookup) });
    };
    return steps
      .map((s) => ({
        ...s,
        events: s.events.filter((e) => readable(e.eventId)),
        indicators: s.indicators.filter((c) => scope.ledIndicators.has(c.indicator)),
      }))
      .filter((s) => s.events.length > 0 || s.indicators.length > 0);
  }
}
