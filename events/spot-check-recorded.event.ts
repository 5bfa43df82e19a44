import { IsIn } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsIndicatorId, IsOptionalText, IsText, IsUnitId } from './field-rules.js';

export const SPOT_CHECK_RECORDED = 'SpotCheckRecorded';

export interface SpotCheckRecordedData {
  unitId: string;
  indicator: string;
  outcome: 'pass' | 'fail';
  subject: string;
  note: string;
}
export type SpotCheckRecorded = LedgerEvent<typeof SPOT_CHECK_RECORDED, SpotCheckRecordedData>;

export class SpotCheckRecordedDataV1 implements SpotCheckRecordedData {
  @IsUnitId() unitId!: string;
  @IsIndicatorId() indicator!: string;
  @IsIn(['pass', 'fail'], { message: 'must be "pass" or "fail"' }) outcome!: 'pass' | 'fail';
  @IsText(500) subject!: string;
  @IsOptionalText() note!: string;
}
