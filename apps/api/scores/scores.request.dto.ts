import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';
import { UNIT_ID_PATTERN } from '../../../events/index.js';

export class ScoresRequestDto {
  @ApiPropertyOptional({ pattern: UNIT_ID_PATTERN.source, description: 'one unit; omitted: every unit the caller may read' })
  @IsOptional() @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' }) unitId?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'valid time (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
}
