import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';

export class PublishResultsRequestDto {
  @ApiProperty({ example: 'lc-2017' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'assessmentId must be an id: lowercase letters, digits and hyphens' })
  assessmentId: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'valid time of the scores (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('asOf') asOf?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'system time of the scores (default: now)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'when the results were published (default: now)' })
  @IsOptional() @IsInstant('occurredAt') occurredAt?: string;
}
