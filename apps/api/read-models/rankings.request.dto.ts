import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';

export class RankingsRequestDto {
  @ApiPropertyOptional({ description: 'valid time; with knownAt omitted too, the current read model answers' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ description: 'system time' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
}
