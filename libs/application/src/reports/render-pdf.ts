// PDF with pdfkit: A4, Noto Sans SC embedded (subset), the header as label–value lines, each table drawn cell by cell
// so it breaks across pages with its heading row repeated, the footer, and page numbers on every page. Document
// dates come from the report's ledger time, so the same report gives the same text (and, with these pinned
// versions, the same bytes).
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { parseInstant } from '../../../rulebook/src/index.js';
import { cjkFont } from './report-fonts.js';
import { cellText, footerLines, headerLines } from './report-labels.js';
import type { Report, ReportTable } from './report.model.js';

const MARGIN = 40;
const CELL_PAD = 2.5;
const CELL_SIZE = 7.5;
const PAGE_NUMBER_SPACE = 24;

type Doc = PDFKit.PDFDocument;

const contentBottom = (doc: Doc): number => doc.page.height - MARGIN - PAGE_NUMBER_SPACE;

interface MeasuredRow {
  cells: string[];
  /** Each cell's text width on one line (NaN where not measured: a heading). */
  textWidths: number[];
  height: number;
}

/** A row's height, and each cell's one-line text width (reused when drawing: measuring is most of the cost). */
function measureRow(doc: Doc, cells: string[], widths: number[], font: string): MeasuredRow {
  doc.font(font).fontSize(CELL_SIZE);
  let height = doc.currentLineHeight(true);
  const textWidths = cells.map((text, i) => {
    const width = text === '' ? 0 : doc.widthOfString(text);
    const inner = widths[i] - 2 * CELL_PAD;
    if (width > inner) height = Math.max(height, doc.heightOfString(text, { width: inner, lineGap: 0 }));
    return width;
  });
  return { cells, textWidths, height: height + 2 * CELL_PAD };
}

function drawRow(doc: Doc, row: MeasuredRow, widths: number[], aligns: ('left' | 'right')[], y: number, heading: boolean): void {
  const total = widths.reduce((a, b) => a + b, 0);
  if (heading) doc.rect(MARGIN, y, total, row.height).fill('#e8ecf2');
  doc.fillColor('#000').font(heading ? 'cjk-bold' : 'cjk').fontSize(CELL_SIZE);
  let x = MARGIN;
  row.cells.forEach((text, i) => {
    const inner = widths[i] - 2 * CELL_PAD;
    if (text !== '' && row.textWidths[i] <= inner) {
      // One line: placed directly, without pdfkit's line wrapper (most cells of a large ranking; much faster).
      const dx = aligns[i] === 'right' ? inner - row.textWidths[i] : 0;
      doc.text(text, x + CELL_PAD + dx, y + CELL_PAD, { lineBreak: false });
    } else if (text !== '') {
      doc.text(text, x + CELL_PAD, y + CELL_PAD, { width: inner, align: aligns[i], lineGap: 0 });
    }
    x += widths[i];
  });
  // The grid of the row as one path: its bottom edge and the column edges (the top is the previous row's bottom).
  doc.moveTo(MARGIN, y + row.height).lineTo(MARGIN + total, y + row.height);
  if (heading) doc.moveTo(MARGIN, y).lineTo(MARGIN + total, y);
  x = MARGIN;
  for (let i = 0; i <= widths.length; i++) {
    doc.moveTo(x, y).lineTo(x, y + row.height);
    x += widths[i] ?? 0;
  }
  doc.lineWidth(0.5).stroke(heading ? '#9aa5b1' : '#c3cad3');
}

function drawTable(doc: Doc, table: ReportTable): void {
  const usable = doc.page.width - 2 * MARGIN;
  const total = table.columns.reduce((sum, c) => sum + c.pdfWidth, 0);
  const widths = table.columns.map((c) => (usable * c.pdfWidth) / total);
  const aligns = table.columns.map((c) => (c.type === 'text' ? 'left' : 'right'));
  const heading = measureRow(doc, table.columns.map((c) => c.title), widths, 'cjk-bold');

  if (doc.y + 40 + heading.height > contentBottom(doc)) doc.addPage();
  doc.font('cjk-bold').fontSize(11).text(`【${table.title}】`, MARGIN, doc.y + 6);
  let y = doc.y + 2;
  drawRow(doc, heading, widths, aligns, y, true);
  y += heading.height;
  const rows = table.rows.length > 0 ? table.rows.map((row) => row.map((cell, i) => cellText(cell, table.columns[i]))) : [['（无）', ...table.columns.slice(1).map(() => '')]];
  for (const cells of rows) {
    const row = measureRow(doc, cells, widths, 'cjk');
    if (y + row.height > contentBottom(doc)) {
      // A new page repeats the table's heading row.
      doc.addPage();
      y = MARGIN;
      drawRow(doc, heading, widths, aligns, y, true);
      y += heading.height;
    }
    drawRow(doc, row, widths, aligns, y, false);
    y += row.height;
  }
  doc.x = MARGIN;
  doc.y = y + 6;
}

function drawLines(doc: Doc, lines: [string, string][]): void {
  for (const [name, value] of lines) {
    doc.font('cjk-bold').fontSize(8.5).text(`${name}：`, MARGIN, doc.y, { continued: true }).font('cjk').text(value);
  }
}

/**
 * Writes the page's number at its foot as the page opens, so pages stream out as they fill instead of waiting in
 * memory for a total ("第 3 页", not "第 3 页，共 9 页": the total would keep every page buffered to the end).
 */
function numberPage(doc: Doc, report: Report, page: number): void {
  const { x, y } = doc;
  const foot = doc.page.height - MARGIN - 12;
  doc.font('cjk').fontSize(7.5).fillColor('#555');
  doc.text(`${report.title} · 账本位置 ${report.header.ledger.position} · ${report.header.ledger.hash.slice(0, 16)}…`, MARGIN, foot, { lineBreak: false });
  const label = `第 ${page} 页`;
  doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), foot, { lineBreak: false });
  doc.fillColor('#000');
  doc.x = x;
  doc.y = y;
}

interface LaidOut {
  glyphs: unknown[] | null;
  positions: unknown[] | null;
  advanceWidth: number;
}

/** pdfkit's embedded font (internals of the pinned pdfkit 0.20; the report tests notice if they change). */
interface EmbeddedFontInternals {
  layout(text: string, features?: unknown, onlyWidth?: boolean): LaidOut;
  layoutCached(text: string): { glyphs: unknown[]; positions: unknown[]; advanceWidth: number };
}

/** Text whose glyphs depend on their neighbours: combining marks, joiners, variation selectors. */
const NEEDS_SHAPING = /\p{M}|\u200c|\u200d|\p{Variation_Selector}/u;

/**
 * pdfkit shapes text with fontkit one space-separated word at a time and caches each word's glyphs. A ranking's cells
 * are almost all distinct words (5,000 unit names, ids, ranks), so every cell was shaped afresh: the OpenType feature
 * setup of each call was most of the time of a large PDF, and the cache kept every word. Chinese has no ligatures or
 * kerning in a table cell, so lay such text out a character at a time from a cache of a few hundred characters; the
 * glyphs, and so the text a reader extracts, are the same; Latin letters lose their kerning pairs (invisible at 7.5 pt).
 * Text that needs its neighbours to shape keeps pdfkit's own layout.
 */
function layoutByCharacter(doc: Doc, fontName: string): void {
  doc.font(fontName);
  const font = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  const byWord = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    if (features || NEEDS_SHAPING.test(text)) return byWord(text, features, onlyWidth);
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    for (const character of text) {
      const run = font.layoutCached(character);
      if (glyphs && positions) {
        for (const glyph of run.glyphs) glyphs.push(glyph);
        for (const position of run.positions) positions.push(position);
      }
      advanceWidth += run.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** A page's content stream (pdfkit internals, as above). */
interface PageContentInternals {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

/**
 * pdfkit turns every content operator into a byte array of its own as it is added (a ranking page has some ten
 * thousand), and joins them when the page ends. Keep a page's operators as strings and hand them over as one: the
 * same bytes (each operator followed by a newline), a fraction of the allocations.
 */
function batchPageContent(doc: Doc): void {
  const content = (doc.page as unknown as { content: PageContentInternals }).content;
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    // As bytes: pdfkit converts a string to bytes a character at a time; operators are ASCII (text is hex glyph ids).
    write(Buffer.from(`${pending.join('\n')}\n`, 'latin1'));
    pending = [];
  };
  content.write = (chunk) => {
    if (typeof chunk === 'string') pending.push(chunk);
    else {
      flush();
      write(chunk);
    }
  };
  content.end = (chunk) => {
    flush();
    end(chunk);
  };
}

/** The report as a PDF byte stream. */
export function renderPdf(report: Report): Readable {
  const at = new Date(parseInstant(report.footer.generatedAt));
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: report.title, Creator: report.footer.generatedBy, Producer: report.footer.generatedBy, CreationDate: at, ModDate: at },
    lang: 'zh-CN',
  });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  layoutByCharacter(doc, 'cjk');
  layoutByCharacter(doc, 'cjk-bold');
  let pages = 1;
  batchPageContent(doc);
  numberPage(doc, report, pages);
  doc.on('pageAdded', () => {
    batchPageContent(doc);
    numberPage(doc, report, ++pages);
  });
  doc.font('cjk-bold').fontSize(16).text(report.title, MARGIN, MARGIN);
  doc.moveDown(0.4);
  // The first header line repeats the title just printed.
  drawLines(doc, headerLines(report).slice(1));
  for (const table of report.tables) drawTable(doc, table);
  doc.moveDown(0.5);
  if (doc.y + 30 > contentBottom(doc)) doc.addPage();
  drawLines(doc, footerLines(report));
  doc.end();
  return doc;
}
