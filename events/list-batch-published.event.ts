import { IsIn } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsCount, IsUnitId } from './field-rules.js';

/** `occurredAt` is the publication time. */
export const LIST_BATCH_PUBLISHED = 'ListBatchPublished';

export interface ListBatchPublishedData {
  unitId: string;
  batch: 1 | 2 | 3;
  itemCount: number;
}
export type ListBatchPublished = LedgerEvent<typeof LIST_BATCH_PUBLISHED, ListBatchPublishedData>;

export class ListBatchPublishedDataV1 implements ListBatchPublishedData {
  @IsUnitId() unitId!: string;
  @IsIn([1, 2, 3], { message: 'must be 1, 2 or 3' }) batch!: 1 | 2 | 3;
  @IsCount() itemCount!: number;
}
