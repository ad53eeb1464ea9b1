/**
 * A small page-layout layer over pdfkit for Tickmark's printed workpapers: a cursor that moves
 * down the page, tables whose rows never split and whose header repeats after a page break,
 * and page furniture (running header, footer, "Page n of N") drawn once all pages exist.
 * Only pdfkit's built-in Helvetica is used, so every string goes through `toPdfText` first.
 */
import type PDFDocument from 'pdfkit';

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const COLORS = {
  text: '#1f2933',
  muted: '#5b6475',
  rule: '#c5ccd6',
  strongRule: '#1f2933',
  headerFill: '#e8ecf2',
  zebraFill: '#f6f8fa',
  good: '#1e7b34',
  goodFill: '#e6f4ea',
  bad: '#b42318',
  badFill: '#fdecea',
} as const;

export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface PdfRow {
  cells: readonly string[];
  /** 'total' is bold with a rule above the right-aligned columns; 'difference' is shaded, bold and double-ruled. */
  emphasis?: 'total' | 'difference';
  /** Points to indent the first cell by ("Add:" and "Less:" lines of a proof). */
  indent?: number;
  /** Blank space above the row, to set groups of rows apart. */
  spaceBefore?: number;
  /** Never start a page with this row (closing totals that are not emphasised). */
  keepWithPrevious?: boolean;
}

export interface PdfTableOptions {
  /** Shown above the table, and again with "(continued)" after a page break. */
  title: string;
  /** Shown instead of the table when there are no rows. */
  emptyText?: string;
  fontSize?: number;
  /** A cell longer than this many lines is cut with an ellipsis, so no row is taller than a page. */
  maxLines?: number;
  /** Lighten every other row, for long lists. */
  zebra?: boolean;
}

export interface PageFurniture {
  /** Drawn at the top of every page but the first. */
  runningHeaderLeft: string;
  runningHeaderRight: string;
  /** Drawn at the bottom left of every page; the right side says "Page n of N". */
  footerLeft: string;
}

type Doc = InstanceType<typeof PDFDocument>;

const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 2;
/** Space kept free above the bottom margin for the footer. */
const FOOTER_SPACE = 10;

export class PdfLayout {
  /** Where the next thing is drawn, in points from the top of the page. */
  y: number;

  constructor(readonly doc: Doc) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** The lowest point content may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - FOOTER_SPACE;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) {
      this.newPage();
    }
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Draws text at an absolute position; returns its height. */
  text(value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string } = {}): number {
    const { font = FONT, size = 9, color = COLORS.text, ...textOptions } = options;
    const safe = toPdfText(value);
    this.doc.font(font).fontSize(size).fillColor(color);
    const height = this.doc.heightOfString(safe, textOptions);
    this.doc.text(safe, x, y, textOptions);
    return height;
  }

  heightOf(value: string, width: number, font: string, size: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(toPdfText(value), { width });
  }

  rule(x1: number, x2: number, y: number, color: string = COLORS.rule, lineWidth = 0.5): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(lineWidth).strokeColor(color).stroke();
  }

  sectionTitle(title: string): void {
    const height = this.text(title, this.left, this.y, { font: BOLD, size: 10.5, width: this.width, lineBreak: false });
    this.y += height + 3;
  }

  /**
   * Draws a table from the cursor down. A row is never split: when it does not fit, the table
   * continues on a new page under its title marked "(continued)" and a repeated header row.
   * The title, header and first row are kept together.
   */
  table(columns: readonly PdfColumn[], rows: readonly PdfRow[], options: PdfTableOptions): void {
    const size = options.fontSize ?? 8;
    const maxLines = options.maxLines ?? 4;
    const lineHeight = this.heightOf('Xg', 1000, FONT, size);
    const headerHeight = Math.max(...columns.map((column) => this.heightOf(column.header, column.width - 2 * CELL_PADDING_X, BOLD, size))) + 2 * CELL_PADDING_Y;
    const titleHeight = this.heightOf(options.title, this.width, BOLD, 10.5) + 3;
    const maxHeight = lineHeight * maxLines;
    // Cells are made drawable once; measuring and drawing then work on the same text.
    const safeRows = rows.map((row) => ({ ...row, cells: row.cells.map(toPdfText) }));
    const heights = safeRows.map((row) => this.rowHeight(columns, row, size, lineHeight, maxHeight));
    const spaces = rows.map((row) => row.spaceBefore ?? 0);

    const trailingHeights = trailingEmphasisHeights(rows, heights, spaces);
    const firstRowHeight = (heights[0] ?? lineHeight + 2 * CELL_PADDING_Y) + (trailingHeights[0] ?? 0);
    this.ensureSpace(titleHeight + headerHeight + firstRowHeight);
    this.sectionTitle(options.title);
    if (rows.length === 0) {
      const height = this.text(options.emptyText ?? 'None.', this.left, this.y, { size, color: COLORS.muted, width: this.width });
      this.y += height;
      return;
    }
    this.headerRow(columns, size, headerHeight);
    safeRows.forEach((row, index) => {
      const height = heights[index] ?? 0;
      let space = spaces[index] ?? 0;
      // The last item row takes the total rows under it along, so a total never stands alone.
      if (this.y + space + height + (trailingHeights[index] ?? 0) > this.bottom) {
        this.newPage();
        this.sectionTitle(`${options.title} (continued)`);
        this.headerRow(columns, size, headerHeight);
        space = 0;
      }
      this.y += space;
      const shaded = (options.zebra ?? false) && index % 2 === 1 && row.emphasis === undefined;
      this.drawRow(columns, row, { size, height, maxHeight, shaded });
    });
  }

  /** Page numbers, running header and footer on every page; call once, after the last page. */
  finishPages(furniture: PageFurniture): void {
    const range = this.doc.bufferedPageRange();
    const pageCount = range.count;
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const page = this.doc.page;
      const bottomMargin = page.margins.bottom;
      // Writing below the bottom margin would make pdfkit add a page; lift the margin while drawing.
      page.margins.bottom = 0;
      const left = page.margins.left;
      const right = page.width - page.margins.right;
      const width = right - left;
      const footerY = page.height - bottomMargin + 4;
      this.rule(left, right, footerY - 5);
      this.text(furniture.footerLeft, left, footerY, { size: 7.5, color: COLORS.muted, width: width - 80, lineBreak: false });
      this.text(`Page ${index - range.start + 1} of ${pageCount}`, right - 80, footerY, { size: 7.5, color: COLORS.muted, width: 80, align: 'right', lineBreak: false });
      if (index > range.start) {
        const headerY = page.margins.top - 20;
        this.text(furniture.runningHeaderLeft, left, headerY, { size: 7.5, color: COLORS.muted, width: width - 140, lineBreak: false });
        this.text(furniture.runningHeaderRight, right - 140, headerY, { size: 7.5, color: COLORS.muted, width: 140, align: 'right', lineBreak: false });
        this.rule(left, right, headerY + 12);
      }
      page.margins.bottom = bottomMargin;
    }
  }

  /** Rows take the height of their tallest cell, up to `maxHeight`; cells are already drawable text. */
  private rowHeight(columns: readonly PdfColumn[], row: PdfRow, size: number, lineHeight: number, maxHeight: number): number {
    this.doc.font(row.emphasis ? BOLD : FONT).fontSize(size);
    let tallest = lineHeight;
    columns.forEach((column, index) => {
      const cell = row.cells[index] ?? '';
      const width = column.width - 2 * CELL_PADDING_X - (index === 0 ? (row.indent ?? 0) : 0);
      // Most cells fit on one line; measuring their width is much cheaper than wrapping them.
      if (cell !== '' && this.doc.widthOfString(cell) > width) {
        tallest = Math.max(tallest, this.doc.heightOfString(cell, { width }));
      }
    });
    // Emphasised rows get room between their rule and their figures.
    const extra = row.emphasis === 'difference' ? 3 : row.emphasis === 'total' ? 1.5 : 0;
    return Math.min(tallest, maxHeight) + 2 * CELL_PADDING_Y + extra;
  }

  private headerRow(columns: readonly PdfColumn[], size: number, height: number): void {
    this.doc.rect(this.left, this.y, tableWidth(columns), height).fill(COLORS.headerFill);
    let x = this.left;
    for (const column of columns) {
      this.text(column.header, x + CELL_PADDING_X, this.y + CELL_PADDING_Y, { font: BOLD, size, width: column.width - 2 * CELL_PADDING_X, align: column.align ?? 'left' });
      x += column.width;
    }
    this.y += height;
    this.rule(this.left, this.left + tableWidth(columns), this.y, COLORS.strongRule);
  }

  private drawRow(columns: readonly PdfColumn[], row: PdfRow, layout: { size: number; height: number; maxHeight: number; shaded: boolean }): void {
    const top = this.y;
    if (row.emphasis === 'difference') {
      this.doc.rect(this.left, top, tableWidth(columns), layout.height).fill(COLORS.headerFill);
    } else if (layout.shaded) {
      this.doc.rect(this.left, top, tableWidth(columns), layout.height).fill(COLORS.zebraFill);
    }
    const textTop = top + CELL_PADDING_Y + (row.emphasis === 'difference' ? 1.5 : row.emphasis === 'total' ? 1.5 : 0);
    let x = this.left;
    columns.forEach((column, index) => {
      const indent = index === 0 ? (row.indent ?? 0) : 0;
      const cell = row.cells[index] ?? '';
      if (cell !== '') {
        this.doc
          .font(row.emphasis ? BOLD : FONT)
          .fontSize(layout.size)
          .fillColor(COLORS.text)
          .text(cell, x + CELL_PADDING_X + indent, textTop, {
            width: column.width - 2 * CELL_PADDING_X - indent,
            align: column.align ?? 'left',
            height: layout.maxHeight,
            ellipsis: true,
          });
      }
      if (row.emphasis && column.align === 'right' && cell !== '') {
        // Accountants' rules: a single rule above a total, a double rule under the final figure.
        this.rule(x + CELL_PADDING_X, x + column.width - CELL_PADDING_X, top + 0.5, COLORS.strongRule);
        if (row.emphasis === 'difference') {
          const under = top + layout.height - 2;
          this.rule(x + CELL_PADDING_X, x + column.width - CELL_PADDING_X, under - 2, COLORS.strongRule);
          this.rule(x + CELL_PADDING_X, x + column.width - CELL_PADDING_X, under, COLORS.strongRule);
        }
      }
      x += column.width;
    });
    this.y = top + layout.height;
  }
}

/**
 * For the last row before the closing run of total rows (emphasised or kept with the previous
 * row), the height of that run; 0 for every other row.
 */
function trailingEmphasisHeights(rows: readonly PdfRow[], heights: readonly number[], spaces: readonly number[]): number[] {
  const extra = rows.map(() => 0);
  let runHeight = 0;
  let index = rows.length - 1;
  while (index >= 0 && (rows[index]?.emphasis || rows[index]?.keepWithPrevious)) {
    runHeight += (heights[index] ?? 0) + (spaces[index] ?? 0);
    index -= 1;
  }
  if (index >= 0 && index < rows.length - 1) {
    extra[index] = runHeight;
  }
  return extra;
}

function tableWidth(columns: readonly PdfColumn[]): number {
  return columns.reduce((sum, column) => sum + column.width, 0);
}

/** Characters beyond Latin-1 that Helvetica's WinAnsi encoding still has. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\ufeff': '',
};

/**
 * Makes text drawable with the built-in Helvetica (WinAnsi): line breaks and tabs become
 * spaces, other control characters are dropped, accented letters outside WinAnsi lose their
 * accent ("ő" → "o"), and anything else becomes "?" rather than a wrong glyph.
 */
export function toPdfText(text: string): string {
  let out = '';
  for (const character of text.replace(/\r\n?|\n|\t/g, ' ')) {
    if (isWinAnsi(character)) {
      out += character;
      continue;
    }
    const lookAlike = LOOK_ALIKES[character];
    if (lookAlike !== undefined) {
      out += lookAlike;
      continue;
    }
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      continue;
    }
    const base = character.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
  }
  return out;
}

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(character);
}
