import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

export const STREET_NOT_ONBOARDED = 'StreetNotOnboarded';

export interface StreetNotOnboardedData {
  unitId: string;
  street: string;
}
export type StreetNotOnboarded = LedgerEvent<typeof STREET_NOT_ONBOARDED, StreetNotOnboardedData>;

export class StreetNotOnboardedDataV1 implements StreetNotOnboardedData {
  @IsUnitId() unitId!: string;
  @IsText(200) street!: string;
}
