import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../events/index.js';

export class DisputesRequestDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional() @IsIn(['open', 'resolved'], { message: 'status must be "open" or "resolved"' }) status?: 'open' | 'resolved';
  @ApiPropertyOptional({ pattern: UNIT_ID_PATTERN.source }) @IsOptional() @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' }) unitId?: string;
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' }) limit?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000_000, description: 'paging cursor: the nextAfter of the previous page (the number of disputes before this page)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'after must be an integer' }) @Min(0, { message: 'after must not be negative' })
  @Max(1_000_000_000, { message: 'after must be at most 1000000000' }) after?: number;
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 1_000_000_000, description: 'the older name of `after` (disputes skipped); not with after' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'offset must be an integer' }) @Min(0, { message: 'offset must not be negative' })
  @Max(1_000_000_000, { message: 'offset must be at most 1000000000' }) offset?: number;
}
