import type { LedgerEvent } from './envelope.js';
import { IsIndicatorId, IsOptionalText, IsText, IsUnitId } from './field-rules.js';

export const TASK_INCOMPLETE_FOUND = 'TaskIncompleteFound';

export interface TaskIncompleteFoundData {
  unitId: string;
  indicator: string;
  taskRef: string;
  note: string;
}
export type TaskIncompleteFound = LedgerEvent<typeof TASK_INCOMPLETE_FOUND, TaskIncompleteFoundData>;

export class TaskIncompleteFoundDataV1 implements TaskIncompleteFoundData {
  @IsUnitId() unitId!: string;
  @IsIndicatorId() indicator!: string;
  @IsText(200) taskRef!: string;
  @IsOptionalText() note!: string;
}
