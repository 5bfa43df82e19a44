import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MESSAGE = 'must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00';

export class RankingsRequestDto {
  @ApiPropertyOptional({ description: 'valid time; with knownAt omitted too, the current read model answers' })
  @IsOptional() @Matches(INSTANT, { message: `asOf ${MESSAGE}` }) asOf?: string;
  @ApiPropertyOptional({ description: 'system time' })
  @IsOptional() @Matches(INSTANT, { message: `knownAt ${MESSAGE}` }) knownAt?: string;
}
