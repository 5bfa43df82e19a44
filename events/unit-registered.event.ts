import { IsIn } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

export const UNIT_REGISTERED = 'UnitRegistered';
export const UNIT_KINDS = ['hi-tech-zone', 'street', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitRegisteredData {
  unitId: string;
  name: string;
  kind: UnitKind;
}
export type UnitRegistered = LedgerEvent<typeof UNIT_REGISTERED, UnitRegisteredData>;

export class UnitRegisteredDataV1 implements UnitRegisteredData {
  @IsUnitId() unitId!: string;
  @IsText(200) name!: string;
  @IsIn(UNIT_KINDS, { message: `must be one of ${UNIT_KINDS.join(', ')}` }) kind!: UnitKind;
}
