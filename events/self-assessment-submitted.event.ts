import { IsObject, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsText, IsUnitId } from './field-rules.js';

export const SELF_ASSESSMENT_SUBMITTED = 'SelfAssessmentSubmitted';
export const PART_IDS = ['1', '2', '3', '4', '5', '6'] as const;
export type PartId = (typeof PART_IDS)[number];

export interface SelfAssessmentSubmittedData {
  unitId: string;
  parts: Record<PartId, number>;
  signedBy: string;
  documentSha256: string;
}
export type SelfAssessmentSubmitted = LedgerEvent<typeof SELF_ASSESSMENT_SUBMITTED, SelfAssessmentSubmittedData>;

function isPartScores(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== PART_IDS.length || !PART_IDS.every((p) => keys.includes(p))) return false;
  return Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100);
}

export class SelfAssessmentSubmittedDataV1 implements SelfAssessmentSubmittedData {
  @IsUnitId() unitId!: string;
  @IsObject({ message: 'must be an object of part scores' })
  @ValidateBy({
    name: 'isPartScores',
    validator: {
      validate: (value: unknown) => isPartScores(value),
      defaultMessage: (_args?: ValidationArguments) => 'must give a score from 0 to 100 for each of the parts "1" to "6"',
    },
  })
  parts!: Record<PartId, number>;
  @IsText(200) signedBy!: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256: 64 lowercase hex digits' }) documentSha256!: string;
}
