// The data of a report, apart from any file format: a header that says exactly what was computed from which part of
// the ledger, tables of plain cells, and a footer. The renderers (CSV, XLSX, PDF) only lay this out, so every
// format states the same numbers, and the numbers are the evaluator's (the same fold GET /v1/scores answers).

export type ReportKind = 'rankings' | 'unit' | 'result';

/** A cell: text, a score (a number already rounded to 2 decimals by the evaluator), an integer, or empty. */
export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  /** The column heading, in Chinese. */
  title: string;
  /** `score`: two decimals in every format; `integer`: no decimals; `text`: as is (wrapped in the PDF). */
  type: 'text' | 'score' | 'integer';
  /** Relative width in the PDF (in CJK characters, roughly). */
  pdfWidth: number;
}

export interface ReportTable {
  /** A stable id: also the XLSX sheet's place. */
  id: string;
  /** The sheet name / section heading, in Chinese (≤ 31 characters for Excel). */
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
}

export interface ReportHeader {
  /** The assessment as the ledger opened it (AssessmentOpened), when one is known. */
  assessment: { id: string; title: string } | null;
  rulebook: { id: string; title: string };
  /** Valid time and system time of the scores, in the rulebook's offset with milliseconds. */
  asOf: string;
  knownAt: string;
  /** The last event the report was computed from: its position in the global log and its hash. */
  ledger: { position: number; hash: string };
  /**
   * The signed checkpoint covering `ledger.position` (tree size and root hash, RFC 9162), once the Merkle log exists.
   * Renderers print it when present; nothing fills it yet.
   */
  checkpoint?: { treeSize: number; rootHash: string; origin?: string };
  /** For the report of a published result: the result and the digest of its scores (published and recomputed). */
  result?: { resultId: string; publishedAt: string; scoresSha256: string; recomputedScoresSha256: string };
  /** For a unit report: the unit and its totals. */
  unit?: { unitId: string; name: string; kind: string; overall: number; parts: Record<string, number> };
}

export interface ReportFooter {
  /** When the report's data was fixed: the recordedAt of the last event it covers (never the clock). */
  generatedAt: string;
  /** What produced it: the report generator and its format version. */
  generatedBy: string;
}

export interface Report {
  kind: ReportKind;
  /** The document title, in Chinese. */
  title: string;
  /** The download's file name without extension, in Chinese, and an ASCII fallback for old clients. */
  fileName: string;
  asciiFileName: string;
  header: ReportHeader;
  tables: ReportTable[];
  footer: ReportFooter;
}

export const REPORT_GENERATOR = 'performance-ledger 报表生成器 reports/1';
