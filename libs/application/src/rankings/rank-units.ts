// The order of the rankings, shared by GET /v1/rankings (at a point in time) and the rankings report, so both rank
// the same scores the same way.

export interface UnitSummary {
  unitId: string;
  overall: number;
  parts: Record<string, number>;
}

export interface RankedUnit extends UnitSummary {
  rank: number;
  name: string;
  kind: string;
}

/** Rank by overall, highest first; equal overall scores share a rank (1, 1, 3); ties listed by unitId. */
export function rank(units: readonly UnitSummary[], names: ReadonlyMap<string, { name: string; kind: string }>): RankedUnit[] {
  const sorted = [...units].sort((a, b) => b.overall - a.overall || (a.unitId < b.unitId ? -1 : 1));
  let rankOfPrevious = 0;
  return sorted.map((u, i) => ({
    rank: (rankOfPrevious = i > 0 && sorted[i - 1].overall === u.overall ? rankOfPrevious : i + 1),
    unitId: u.unitId,
    name: names.get(u.unitId)?.name ?? u.unitId,
    kind: names.get(u.unitId)?.kind ?? 'department',
    overall: u.overall,
    parts: u.parts,
  }));
}
