import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../events/index.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00';

export class ScoresRequestDto {
  @ApiPropertyOptional({ description: 'one unit; omitted: every unit the caller may read' })
  @IsOptional() @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' }) unitId?: string;
  @ApiPropertyOptional({ description: 'valid time (default: the end of the assessment year)' })
  @IsOptional() @Matches(INSTANT, { message: `asOf ${INSTANT_MESSAGE}` }) asOf?: string;
  @ApiPropertyOptional({ description: 'system time (default: now)' })
  @IsOptional() @Matches(INSTANT, { message: `knownAt ${INSTANT_MESSAGE}` }) knownAt?: string;
}
