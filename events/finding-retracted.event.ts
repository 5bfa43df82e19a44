import { IsUUID } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

/** The finding stops counting from this event's `occurredAt`; it stays in the trail. */
export const FINDING_RETRACTED = 'FindingRetracted';

export interface FindingRetractedData {
  unitId: string;
  findingEventId: string;
  reason: string;
}
export type FindingRetracted = LedgerEvent<typeof FINDING_RETRACTED, FindingRetractedData>;

export class FindingRetractedDataV1 implements FindingRetractedData {
  @IsUnitId() unitId!: string;
  @IsUUID('all', { message: 'must be a UUID' }) findingEventId!: string;
  @IsText() reason!: string;
}
