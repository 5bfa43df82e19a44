// PDF with pdfkit: A4, Noto Sans SC embedded (subset), the header as label–value lines, each table drawn cell by cell
// so it breaks across pages with its heading row repeated, the footer, and page numbers on every page. Document
// dates come from the report's ledger time, so the same report gives the same text (and, with these pinned
// versions, the same bytes).
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { parseInstant } from '../../../libs/rulebook/src/index.js';
import { cjkFont } from './report-fonts.js';
import { cellText, footerLines, headerLines } from './report-labels.js';
import type { Report, ReportTable } from './report.model.js';

const MARGIN = 40;
const CELL_PAD = 2.5;
const CELL_SIZE = 7.5;
const PAGE_NUMBER_SPACE = 24;

type Doc = PDFKit.PDFDocument;

const contentBottom = (doc: Doc): number => doc.page.height - MARGIN - PAGE_NUMBER_SPACE;

function drawRow(doc: Doc, cells: string[], widths: number[], aligns: ('left' | 'right')[], y: number, height: number, heading: boolean): void {
  let x = MARGIN;
  doc.font(heading ? 'cjk-bold' : 'cjk').fontSize(CELL_SIZE);
  cells.forEach((text, i) => {
    if (heading) doc.rect(x, y, widths[i], height).fillAndStroke('#e8ecf2', '#9aa5b1');
    else doc.rect(x, y, widths[i], height).stroke('#c3cad3');
    doc.fillColor('#000').text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, align: aligns[i], lineGap: 0 });
    x += widths[i];
  });
}

function rowHeight(doc: Doc, cells: string[], widths: number[], wraps: boolean[], font: string): number {
  doc.font(font).fontSize(CELL_SIZE);
  const line = doc.currentLineHeight(true);
  let height = line;
  cells.forEach((text, i) => {
    // Scores and ranks never wrap: skip measuring them (it is most of the cells of a large ranking).
    if (wraps[i] && text !== '') height = Math.max(height, doc.heightOfString(text, { width: widths[i] - 2 * CELL_PAD, lineGap: 0 }));
  });
  return height + 2 * CELL_PAD;
}

function drawTable(doc: Doc, table: ReportTable): void {
  const usable = doc.page.width - 2 * MARGIN;
  const total = table.columns.reduce((sum, c) => sum + c.pdfWidth, 0);
  const widths = table.columns.map((c) => (usable * c.pdfWidth) / total);
  const aligns = table.columns.map((c) => (c.type === 'text' ? 'left' : 'right'));
  const wraps = table.columns.map((c) => c.type === 'text');
  const titles = table.columns.map((c) => c.title);
  const headingHeight = rowHeight(doc, titles, widths, titles.map(() => true), 'cjk-bold');

  if (doc.y + 40 + headingHeight > contentBottom(doc)) doc.addPage();
  doc.font('cjk-bold').fontSize(11).text(`【${table.title}】`, MARGIN, doc.y + 6);
  let y = doc.y + 2;
  drawRow(doc, titles, widths, aligns, y, headingHeight, true);
  y += headingHeight;
  const rows = table.rows.length > 0 ? table.rows.map((row) => row.map((cell, i) => cellText(cell, table.columns[i]))) : [['（无）', ...titles.slice(1).map(() => '')]];
  for (const cells of rows) {
    const height = rowHeight(doc, cells, widths, wraps, 'cjk');
    if (y + height > contentBottom(doc)) {
      doc.addPage();
      y = MARGIN;
      drawRow(doc, titles, widths, aligns, y, headingHeight, true);
      y += headingHeight;
    }
    drawRow(doc, cells, widths, aligns, y, height, false);
    y += height;
  }
  doc.x = MARGIN;
  doc.y = y + 6;
}

function drawLines(doc: Doc, lines: [string, string][]): void {
  for (const [name, value] of lines) {
    doc.font('cjk-bold').fontSize(8.5).text(`${name}：`, MARGIN, doc.y, { continued: true }).font('cjk').text(value);
  }
}

function numberPages(doc: Doc, report: Report): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would open a new page: lift the margin while writing the page number.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 12;
    doc.font('cjk').fontSize(7.5).fillColor('#555');
    doc.text(`${report.title} · 账本位置 ${report.header.ledger.position}`, MARGIN, y, { width: 300, lineBreak: false });
    doc.text(`第 ${i + 1} 页，共 ${count} 页`, doc.page.width - MARGIN - 150, y, { width: 150, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000');
}

/** The report as a PDF byte stream. */
export function renderPdf(report: Report): Readable {
  const at = new Date(parseInstant(report.footer.generatedAt));
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: report.title, Creator: report.footer.generatedBy, Producer: report.footer.generatedBy, CreationDate: at, ModDate: at },
    lang: 'zh-CN',
  });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  doc.font('cjk-bold').fontSize(16).text(report.title, MARGIN, MARGIN);
  doc.moveDown(0.4);
  // The first header line repeats the title just printed.
  drawLines(doc, headerLines(report).slice(1));
  for (const table of report.tables) drawTable(doc, table);
  doc.moveDown(0.5);
  if (doc.y + 30 > contentBottom(doc)) doc.addPage();
  drawLines(doc, footerLines(report));
  numberPages(doc, report);
  doc.end();
  return doc;
}
