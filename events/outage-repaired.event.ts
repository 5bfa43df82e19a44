import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

/** `occurredAt` is the repair. */
export const OUTAGE_REPAIRED = 'OutageRepaired';

export interface OutageRepairedData {
  unitId: string;
  outageId: string;
}
export type OutageRepaired = LedgerEvent<typeof OUTAGE_REPAIRED, OutageRepairedData>;

export class OutageRepairedDataV1 implements OutageRepairedData {
  @IsUnitId() unitId!: string;
  @IsText(100) outageId!: string;
}
