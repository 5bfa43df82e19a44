import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/is-instant.decorator.js';

export class ReportRequestDto {
  @ApiPropertyOptional({ description: 'valid time (default: the end of the assessment year)' })
  @IsOptional() @IsInstant('asOf') asOf?: string;
  @ApiPropertyOptional({ description: 'system time (default: the recordedAt of the ledger head, i.e. everything recorded so far)' })
  @IsOptional() @IsInstant('knownAt') knownAt?: string;
}
