import { Equals, IsString, Matches } from 'class-validator';
import type { LedgerEvent } from './envelope.js';
import { IsText } from './field-rules.js';

export const ASSESSMENT_OPENED = 'AssessmentOpened';

export interface AssessmentOpenedData {
  assessmentId: string;
  rulebook: string;
  title: string;
}
export type AssessmentOpened = LedgerEvent<typeof ASSESSMENT_OPENED, AssessmentOpenedData>;

export class AssessmentOpenedDataV1 implements AssessmentOpenedData {
  @IsString({ message: 'must be a string' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'must be an id: lowercase letters, digits and hyphens' })
  assessmentId!: string;

  @Equals('lc-2017', { message: 'must be "lc-2017", the only rulebook of schema version 1' })
  rulebook!: string;

  @IsText(200)
  title!: string;
}
