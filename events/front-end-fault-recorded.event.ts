import type { LedgerEvent } from './envelope.js';
import { IsOptionalText, IsText, IsUnitId } from './field-rules.js';

export const FRONT_END_FAULT_RECORDED = 'FrontEndFaultRecorded';

export interface FrontEndFaultRecordedData {
  unitId: string;
  faultRef: string;
  note: string;
}
export type FrontEndFaultRecorded = LedgerEvent<typeof FRONT_END_FAULT_RECORDED, FrontEndFaultRecordedData>;

export class FrontEndFaultRecordedDataV1 implements FrontEndFaultRecordedData {
  @IsUnitId() unitId!: string;
  @IsText(200) faultRef!: string;
  @IsOptionalText() note!: string;
}
