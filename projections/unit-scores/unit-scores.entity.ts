// Current scores per unit (year end, everything known): the fast path for rankings and the unit list.
// Point-in-time questions (another asOf / knownAt) are answered by the evaluator, not by these tables.
import { Column, Entity, PrimaryColumn } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity({ name: 'unit_scores' })
export class UnitScoreEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  /** Rounded half-up to 2 decimals, as the scores JSON shows it. */
  @Column({ type: 'numeric', transformer: numeric })
  overall: number;

  @Column({ type: 'jsonb' })
  parts: Record<string, number>;

  /** The highest position of an event about this unit that the row counts (0: none). */
  @Column({ name: 'as_of_position', type: 'bigint', transformer: numeric })
  asOfPosition: number;
}

@Entity({ name: 'unit_indicator_scores' })
export class UnitIndicatorScoreEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId: string;

  @PrimaryColumn({ type: 'text' })
  indicator: string;

  /** The indicator's place in the rulebook, for ordering. */
  @Column({ type: 'integer' })
  ordinal: number;

  @Column({ type: 'numeric', transformer: numeric })
  score: number;

  @Column({ type: 'numeric', transformer: numeric })
  max: number;

  @Column({ type: 'text' })
  status: string;
}
