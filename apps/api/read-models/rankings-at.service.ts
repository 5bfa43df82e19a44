// Rankings at another (asOf, knownAt): each unit's scores at asOf come from its valid-time step function
// (unit_score_steps), except for the units that something recorded after knownAt changes by asOf, which are folded
// from their own events by the evaluator — the same fold GET /v1/scores runs. Exact either way
// (docs/adr/0019-rankings-at-any-instant.md); the caller has waited for the read models (ReadModels.fresh).
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { createEvaluation, formatInstant, parseInstant, type PartId, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { scoresAtFromSteps, type Queryable, type UnitScoreAt } from '../../../projections/index.js';
import { EVENT_STORE, PG_POOL, RULEBOOK } from '../infrastructure/tokens.js';
import { anythingRecordedBy } from './anything-recorded.js';

export interface ScoresAt {
  asOf: string;
  knownAt: string;
  /** Every unit assessed at knownAt, by unitId (code-unit order). */
  units: UnitScoreAt[];
}

/** Units folded from the store at once. */
const REFOLD_CONCURRENCY = 4;

@Injectable()
export class RankingsAt {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  /**
   * Overall and parts of every unit at asOf (default: the year end) as known at knownAt (default: now); the steps
   * read from `q` (a report reads them in the snapshot that pins its position).
   */
  async scoresAt(asOf: string | undefined, knownAt: string | undefined, q: Queryable = this.pool): Promise<ScoresAt> {
    const asOfMs = parseInstant(asOf ?? this.rulebook.year.to);
    const knownAtMs = parseInstant(knownAt ?? new Date().toISOString());
    const offset = this.rulebook.utcOffsetMinutes;
    const header = { asOf: formatInstant(asOfMs, offset), knownAt: formatInstant(knownAtMs, offset) };
    if (!(await anythingRecordedBy(this.store, knownAtMs))) return { ...header, units: [] };
    const { units, refold } = await scoresAtFromSteps(q, asOfMs, knownAtMs);
    const folded: UnitScoreAt[] = [];
    for (let i = 0; i < refold.length; i += REFOLD_CONCURRENCY) {
      const chunk = await Promise.all(refold.slice(i, i + REFOLD_CONCURRENCY).map((unitId) => this.fold(unitId, header)));
      for (const unit of chunk) if (unit) folded.push(unit);
    }
    const all = [...units, ...folded].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    return { ...header, units: all };
  }

  /** One unit by the evaluator (null when it is no assessed unit as known at knownAt). */
  private async fold(unitId: string, at: { asOf: string; knownAt: string }): Promise<UnitScoreAt | null> {
    const evaluation = createEvaluation({ rulebook: this.rulebook, ...at, unitId });
    for (const event of await this.store.readUnit(unitId)) evaluation.add(event);
    for (const unit of evaluation.units()) return { unitId: unit.unitId, overall: unit.overall, parts: unit.parts as Record<PartId, number> };
    return null;
  }
}
