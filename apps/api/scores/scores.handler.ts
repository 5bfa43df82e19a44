// Scores at any point in time: the unit's events folded by the same evaluator `ledger evaluate` runs, so the JSON
// is identical to evaluating an export of the ledger.
import { ForbiddenException, Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { createEvaluation, notKnownYet, type Rulebook, type ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { mayReadEverything, mayReadUnit, readScopeOf } from '../auth/read-policy.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { ScoresQuery } from './scores.query.js';
import { readLog } from '../../../libs/event-store/src/read-log.js';
import { anythingRecordedBy } from '../../../libs/application/src/rankings/anything-recorded.js';

@QueryHandler(ScoresQuery)
export class ScoresHandler implements IQueryHandler<ScoresQuery, ScoresDocument> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  async execute({ actor, unitId: requested, asOf, knownAt }: ScoresQuery): Promise<ScoresDocument> {
    const scope = readScopeOf(actor, this.rulebook);
    // An assessed unit that is no lead sees only itself, so "all units" means its own.
    const unitId = requested ?? (mayReadEverything(scope) || scope.ledIndicators.size > 0 ? undefined : actor.unitId);
    const options = {
      rulebook: this.rulebook,
      asOf: asOf ?? this.rulebook.year.to,
      knownAt: knownAt ?? new Date().toISOString(),
    };
    if (unitId) {
      if (!mayReadUnit(scope, unitId)) throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the scores of "${unitId}"`]);
      const evaluation = createEvaluation({ ...options, unitId });
      for (const event of await this.store.readUnit(unitId)) evaluation.add(event);
      const document = evaluation.result();
      if (document.units.length === 0 || !(await anythingRecordedBy(this.store, document.knownAt))) throw new NotFoundException([notKnownYet(unitId, document.knownAt)]);
      return document;
    }
    const evaluation = createEvaluation(options);
    for await (const batch of readLog(this.store)) for (const event of batch) evaluation.add(event);
    const document = evaluation.result();
    // Before anything was recorded there are no units, not even the lead units (docs/scores.md: "not known yet"):
    // the same check as for one unit and for GET /v1/rankings.
    return (await anythingRecordedBy(this.store, document.knownAt)) ? document : { ...document, units: [] };
  }
}
