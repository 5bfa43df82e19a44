import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';

export class TimelineRequestDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'first valid time shown' })
  @IsOptional() @IsInstant('from') from?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'last valid time shown (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('to') to?: string;
}
