import { IsIn } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsOptionalText, IsText, IsUnitId } from './field-rules.js';

/** "overturned" retracts every finding named by the dispute, from this event's `occurredAt`. */
export const DISPUTE_RESOLVED = 'DisputeResolved';

export interface DisputeResolvedData {
  unitId: string;
  disputeId: string;
  decision: 'upheld' | 'overturned';
  note: string;
}
export type DisputeResolved = LedgerEvent<typeof DISPUTE_RESOLVED, DisputeResolvedData>;

export class DisputeResolvedDataV1 implements DisputeResolvedData {
  @IsUnitId() unitId!: string;
  @IsText(100) disputeId!: string;
  @IsIn(['upheld', 'overturned'], { message: 'must be "upheld" or "overturned"' }) decision!: 'upheld' | 'overturned';
  @IsOptionalText() note!: string;
}
