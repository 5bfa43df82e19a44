import { Min } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsCount, IsIndicatorId, IsUnitId } from './field-rules.js';

export const METRIC_MEASURED = 'MetricMeasured';

/** A measured rate as two integers, so thresholds compare exactly (numerator ≤ denominator is checked by decide). */
export interface MetricMeasuredData {
  unitId: string;
  indicator: string;
  numerator: number;
  denominator: number;
}
export type MetricMeasured = LedgerEvent<typeof METRIC_MEASURED, MetricMeasuredData>;

export class MetricMeasuredDataV1 implements MetricMeasuredData {
  @IsUnitId() unitId!: string;
  @IsIndicatorId() indicator!: string;
  @IsCount() numerator!: number;
  @IsCount() @Min(1, { message: 'must be greater than 0' }) denominator!: number;
}
