import type { LedgerEvent } from './envelope.js';
import { IsIndicatorId, IsText, IsUnitId } from './field-rules.js';

export const INDICATOR_NOT_APPLICABLE = 'IndicatorNotApplicable';

export interface IndicatorNotApplicableData {
  unitId: string;
  indicator: string;
  reason: string;
}
export type IndicatorNotApplicable = LedgerEvent<typeof INDICATOR_NOT_APPLICABLE, IndicatorNotApplicableData>;

export class IndicatorNotApplicableDataV1 implements IndicatorNotApplicableData {
  @IsUnitId() unitId!: string;
  @IsIndicatorId() indicator!: string;
  @IsText() reason!: string;
}
