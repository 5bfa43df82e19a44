import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';
import { PageRequestDto } from '../http/list-page.js';

export class RankingsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'valid time; with knownAt omitted too, the current read model answers' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
}
