import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsUUID } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

export const DISPUTE_FILED = 'DisputeFiled';

export interface DisputeFiledData {
  unitId: string;
  disputeId: string;
  findingEventIds: string[];
  grounds: string;
}
export type DisputeFiled = LedgerEvent<typeof DISPUTE_FILED, DisputeFiledData>;

export class DisputeFiledDataV1 implements DisputeFiledData {
  @IsUnitId() unitId!: string;
  @IsText(100) disputeId!: string;
  @IsArray({ message: 'must be an array of event ids' })
  @ArrayNotEmpty({ message: 'must name at least one finding' })
  @ArrayMaxSize(1000, { message: 'must name at most 1000 findings' })
  @IsUUID('all', { each: true, message: 'must contain only UUIDs' })
  findingEventIds!: string[];
  @IsText() grounds!: string;
}
