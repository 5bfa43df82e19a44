// Figures, targets and the table printed at the end of a run.

export interface Figure {
  workload: string;
  case: string;
  value: number;
  unit: string;
  /** Other figures of the same case, e.g. "Emmett 1,234 events/s, ours/Emmett 1.52×". */
  note?: string;
}

export interface Target {
  name: string;
  /** What was measured, as text. */
  actual: string;
  goal: string;
  pass: boolean;
}

export interface WorkloadResult {
  figures: Figure[];
  targets: Target[];
  /** The raw numbers for the JSON. */
  data: Record<string, unknown>;
}

export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

function table(headers: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(line)].join('\n');
}

export function figuresTable(figures: Figure[]): string {
  return table(
    ['workload', 'case', 'value', 'unit', 'beside it'],
    figures.map((f) => [f.workload, f.case, fmt(f.value, f.value < 100 && !Number.isInteger(f.value) ? 1 : 0), f.unit, f.note ?? '']),
    new Set([2]),
  );
}

export function targetsTable(targets: Target[]): string {
  return table(
    ['target', 'goal', 'measured', 'result'],
    targets.map((t) => [t.name, t.goal, t.actual, t.pass ? 'PASS' : 'MISS']),
    new Set(),
  );
}
