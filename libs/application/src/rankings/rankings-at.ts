// Rankings at another (asOf, knownAt): each unit's scores at asOf as known at knownAt, read from the score step
// functions and their revisions per recordedAt (projection unit-score-steps) — no fold at request time. Exact: the
// rows are the evaluator's own numbers (docs/adr/0019-rankings-at-any-instant.md); the caller has waited for the read
// models (ReadModels.fresh).
import type pg from 'pg';
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import { formatInstant, parseInstant, type Rulebook } from '../../../rulebook/src/index.js';
import { scoresAtFromSteps, type Queryable, type UnitScoreAt } from '../../../../projections/index.js';
import { anythingRecordedBy } from './anything-recorded.js';

export interface ScoresAt {
  asOf: string;
  knownAt: string;
  /** Every unit assessed at knownAt, by unitId (code-unit order). */
  units: UnitScoreAt[];
}

export class RankingsAt {
  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly rulebook: Rulebook,
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
    // Without knownAt, "now": the steps with everything known answer alone (the controller waited for the projector).
    const { units } = await scoresAtFromSteps(q, asOfMs, knownAt === undefined ? null : knownAtMs);
    return { ...header, units };
  }
}
