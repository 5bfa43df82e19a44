// One way to page every list that grows with the number of units or events (ADR 0022): `limit` (1–1000, default
// 100) and the cursor `after`, answered with `total` (items over all pages), `limit` and `nextAfter` (pass it as
// `after` for the next page; null on the last page). For the trail the cursor is a log position; for the lists
// here, which are ordered and complete in memory, it is the number of items before the page.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const MAX_AFTER = 1_000_000_000;

export class PageRequestDto {
  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_LIMIT, minimum: 1, maximum: MAX_LIMIT, description: 'page size' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_LIMIT, { message: `limit must be at most ${MAX_LIMIT}` }) limit?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_AFTER, description: 'paging cursor: the nextAfter of the previous page (the number of items before this page)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'after must be an integer' }) @Min(0, { message: 'after must not be negative' })
  @Max(MAX_AFTER, { message: `after must be at most ${MAX_AFTER}` }) after?: number;
}

export interface PageRequest {
  limit?: number;
  after?: number;
}

export interface Page<T> {
  total: number;
  limit: number;
  nextAfter: number | null;
  items: T[];
}

/** The page of an ordered list that starts after `after` items. */
export function pageOf<T>(list: readonly T[], { limit = DEFAULT_LIMIT, after = 0 }: PageRequest): Page<T> {
  const end = after + limit;
  return { total: list.length, limit, nextAfter: end < list.length ? end : null, items: list.slice(after, end) };
}

/** A unit's six part scores and overall, without indicators and traces: the summary form of a scores list. */
export function unitSummary({ unitId, overall, parts }: { unitId: string; overall: number; parts: Record<string, number> }) {
  return { unitId, overall, parts };
}

/** The scores JSON of all units, one page of its units: the header, then total, limit and nextAfter. */
export function pagedScores(document: ScoresDocument, request: PageRequest) {
  const { units, ...header } = document;
  const { items, ...page } = pageOf(units, request);
  return { ...header, ...page, units: items };
}
