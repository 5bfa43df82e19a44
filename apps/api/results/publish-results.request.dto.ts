import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2018-01-05T00:00:00+08:00';

export class PublishResultsRequestDto {
  @ApiProperty({ example: 'lc-2017' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'assessmentId must be an id: lowercase letters, digits and hyphens' })
  assessmentId: string;

  @ApiPropertyOptional({ description: 'valid time of the scores (default: the end of the assessment year)' })
  @IsOptional() @Matches(INSTANT, { message: `asOf ${INSTANT_MESSAGE}` }) asOf?: string;

  @ApiPropertyOptional({ description: 'system time of the scores (default: now)' })
  @IsOptional() @Matches(INSTANT, { message: `knownAt ${INSTANT_MESSAGE}` }) knownAt?: string;

  @ApiPropertyOptional({ description: 'when the results were published (default: now)' })
  @IsOptional() @Matches(INSTANT, { message: `occurredAt ${INSTANT_MESSAGE}` }) occurredAt?: string;
}
