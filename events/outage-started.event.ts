import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

/** `occurredAt` is the start of the outage. */
export const OUTAGE_STARTED = 'OutageStarted';

export interface OutageStartedData {
  unitId: string;
  outageId: string;
  system: string;
}
export type OutageStarted = LedgerEvent<typeof OUTAGE_STARTED, OutageStartedData>;

export class OutageStartedDataV1 implements OutageStartedData {
  @IsUnitId() unitId!: string;
  @IsText(100) outageId!: string;
  @IsText(200) system!: string;
}
