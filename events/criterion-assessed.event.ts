import { IsBoolean } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsIndicatorId, IsOptionalText, IsUnitId } from './field-rules.js';

/** The latest by `occurredAt` counts. */
export const CRITERION_ASSESSED = 'CriterionAssessed';

export interface CriterionAssessedData {
  unitId: string;
  indicator: string;
  met: boolean;
  note: string;
}
export type CriterionAssessed = LedgerEvent<typeof CRITERION_ASSESSED, CriterionAssessedData>;

export class CriterionAssessedDataV1 implements CriterionAssessedData {
  @IsUnitId() unitId!: string;
  @IsIndicatorId() indicator!: string;
  @IsBoolean({ message: 'must be true or false' }) met!: boolean;
  @IsOptionalText() note!: string;
}
