import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';
import { UNIT_ID_PATTERN } from '../../../events/index.js';
import { PageRequestDto } from '../http/list-page.js';

/** The times of a scores question, and the page of the units when it is about all of them. */
export class ScoresSummaryRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'valid time (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
}

export class ScoresRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ pattern: UNIT_ID_PATTERN.source, description: 'one unit; omitted: every unit the caller may read' })
  @IsOptional() @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' }) unitId?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'valid time (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
  @ApiPropertyOptional({ description: 'true: add `evidence`, per event id the traces name, its evidence with each uploaded file\'s name, size and media type (the scores JSON itself is unchanged)', enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false'], { message: 'withEvidence must be true or false' }) withEvidence?: string;
}
