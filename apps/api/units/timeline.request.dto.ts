import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';

export class TimelineRequestDto {
  @ApiPropertyOptional({ description: 'system time (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
  @ApiPropertyOptional({ description: 'first valid time shown' })
  @IsOptional() @IsInstant('from') from?: string;
  @ApiPropertyOptional({ description: 'last valid time shown (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('to') to?: string;
}
