import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00';

export class TimelineRequestDto {
  @ApiPropertyOptional({ description: 'system time (default: now)' })
  @IsOptional() @Matches(INSTANT, { message: `knownAt ${MESSAGE}` }) knownAt?: string;
  @ApiPropertyOptional({ description: 'first valid time shown' })
  @IsOptional() @Matches(INSTANT, { message: `from ${MESSAGE}` }) from?: string;
  @ApiPropertyOptional({ description: 'last valid time shown (default: the end of the assessment year)' })
  @IsOptional() @Matches(INSTANT, { message: `to ${MESSAGE}` }) to?: string;
}
