import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';
import { EVENT_DEFINITIONS, INDICATOR_ID_PATTERN, UNIT_ID_PATTERN } from '../../../events/index.js';

const TYPES = [...new Set(EVENT_DEFINITIONS.map((d) => d.type))];

export class ListEventsRequestDto {
  @ApiPropertyOptional({ pattern: UNIT_ID_PATTERN.source }) @IsOptional() @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' }) unitId?: string;
  @ApiPropertyOptional({ pattern: INDICATOR_ID_PATTERN.source }) @IsOptional() @Matches(INDICATOR_ID_PATTERN, { message: 'indicator must be an indicator id such as 3.5' })
  indicator?: string;
  @ApiPropertyOptional({ enum: TYPES }) @IsOptional() @IsIn(TYPES, { message: `type must be one of ${TYPES.join(', ')}` }) type?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'occurredAt ≥ from (ISO 8601)' })
  @IsOptional() @IsInstant('from') from?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'occurredAt ≤ to (ISO 8601)' })
  @IsOptional() @IsInstant('to') to?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'paging cursor: events after this position (the nextAfter of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'after must be an integer' }) @Min(0, { message: 'after must not be negative' }) after?: number;
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' }) limit?: number;
}
