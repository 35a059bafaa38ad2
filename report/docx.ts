// The report as a Word document, made with the docx library from the report model, ready to go on
// an agenda as it is: a title page, a table of contents over its headings (filled in with page
// numbers when written), the CU and the date in the header, readable spacing, columns as wide as
// their contents need, wide tables on landscape pages, and a chart beside each count per respondent.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { xmlSafe } from './cells';
import { chartSvg, svgToPng } from './charts';
import type { ReportModel, Table as ModelTable } from './model';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DRAFT = 'UDKAST – ikke godkendt';

/** A4 in twentieths of a point, with 2 cm margins. */
const A4 = { short: 11906, long: 16838, margin: 1134 };
const CONTENT = { portrait: A4.short - 2 * A4.margin, landscape: A4.long - 2 * A4.margin };
const TWIPS_PER_PIXEL = 15;

type Block = Paragraph | Table | TableOfContents;

/** The longest report (in characters of text) whose contents get their page numbers when written. */
export const PAGE_NUMBERS_UP_TO_CHARACTERS = 60_000;

const textLength = (model: ReportModel) =>
  model.sections.reduce(
    (n, s) =>
      n +
      s.blocks.reduce((m, b) => m + (b.kind === 'table' ? b.table.rows.reduce((r, row) => r + row.join('').length, 0) : b.text.length), 0),
    0,
  );

/** Twentieths of a point per character at 11 pt (bold, as in the head row), and a cell's margins. */
const CHAR = 120;
const CELL_MARGINS = 2 * 90 + 60;

/** What a column needs: its longest word, unbroken; and what it wants: its longest text, within bounds. */
function columnNeeds(t: ModelTable): { min: number; want: number }[] {
  return t.head.map((h, i) => {
    const texts = [h, ...t.rows.map((r) => r[i] ?? '')];
    const word = Math.max(...texts.flatMap((text) => text.split(/\s+/).map((w) => w.length)));
    const line = Math.min(Math.max(...texts.map((text) => text.length)), 40);
    return { min: word * CHAR + CELL_MARGINS, want: Math.max(word, line, t.numeric.includes(i) ? 6 : 8) * CHAR + CELL_MARGINS };
  });
}

/** Column widths filling `width`: each its longest word at least, the rest shared by what each wants beyond it. */
function columnWidths(t: ModelTable, width: number): number[] {
  const needs = columnNeeds(t);
  const wanted = needs.reduce((a, n) => a + n.want, 0);
  if (wanted <= width) return needs.map((n) => Math.floor((n.want / wanted) * width));
  const least = needs.reduce((a, n) => a + n.min, 0);
  const beyond = wanted - least;
  return needs.map((n) => Math.floor(n.min + (beyond ? ((n.want - n.min) / beyond) * Math.max(0, width - least) : 0)));
}

/** A table that would not fit a portrait page as its columns want goes on a landscape page. */
export const isWide = (t: ModelTable) => columnNeeds(t).reduce((a, n) => a + n.want, 0) > CONTENT.portrait * 1.25;

function table(t: ModelTable, width: number, picture: Block[] = []): Block[] {
  const widths = columnWidths(t, width);
  const cell = (text: string, column: number, header: boolean, bold: boolean) =>
    new TableCell({
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 90, right: 90 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7EDF5', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
          alignment: t.numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold })],
        }),
      ],
    });
  const last = t.rows.length - 1;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun(t.caption)] }),
    ...picture,
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.head.map((h, i) => cell(h, i, true, true)) }),
        ...t.rows.map(
          (row, r) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false, !!t.totalRow && r === last)) }),
        ),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

/** The chart of a count per respondent, as a picture scaled to the page's width. */
async function chart(t: ModelTable, width: number): Promise<Block[]> {
  if (!t.chart) return [];
  const { png, width: px, height: py } = svgToPng(await chartSvg({ caption: t.caption, ...t.chart }));
  const scale = Math.min(1, width / TWIPS_PER_PIXEL / px);
  return [
    new Paragraph({
      keepNext: true,
      spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: Math.round(px * scale), height: Math.round(py * scale) },
          altText: { name: t.caption, title: t.caption, description: `Søjlediagram: ${t.caption}. Tallene står i tabellen herunder.` },
        }),
      ],
    }),
  ];
}

/** Every text of the model without the characters XML cannot carry (a Word file is XML). */
function xmlSafeModel(model: ReportModel): ReportModel {
  const safe = xmlSafe;
  return {
    ...model,
    title: safe(model.title),
    cuTitle: safe(model.cuTitle),
    facts: model.facts.map(([k, v]) => [safe(k), safe(v)]),
    footnotes: model.footnotes.map(safe),
    sections: model.sections.map((s) => ({
      heading: safe(s.heading),
      blocks: s.blocks.map((b) =>
        b.kind === 'table'
          ? {
              kind: 'table',
              table: {
                ...b.table,
                caption: safe(b.table.caption),
                head: b.table.head.map(safe),
                rows: b.table.rows.map((r) => r.map(safe)),
              },
            }
          : { ...b, text: safe(b.text) },
      ),
    })),
  };
}

export async function reportDocx(unsafe: ReportModel): Promise<Buffer> {
  const model = xmlSafeModel(unsafe);
  const headerText = `${model.cuTitle} · ${model.printedOn}${model.draft ? ` · ${DRAFT}` : ''}`;
  const page = (orientation: 'portrait' | 'landscape', children: Block[]): ISectionOptions => ({
    properties: {
      page: {
        size: {
          width: A4.short,
          height: A4.long,
          orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, size: 18, color: '4A4A4A' })] }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 18 })],
          }),
        ],
      }),
    },
    children,
  });

  const front: Block[] = [
    ...(model.draft
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: DRAFT, bold: true, color: 'B00020', size: 32 })],
          }),
        ]
      : []),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: model.regionName, size: 28 })] }),
    ...model.facts.map(
      ([label, value]) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    ...model.footnotes.map(
      (text) => new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text, italics: true, size: 20 })] }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: 'Indhold', bold: true, size: 32, color: '0B4F8A' })] }),
    new TableOfContents('Indhold', { hyperlink: true, headingStyleRange: '1-2' }),
  ];

  // The body in runs of portrait pages, with each wide table on a landscape page of its own.
  const sections: ISectionOptions[] = [page('portrait', front)];
  let portrait: Block[] = [];
  const flush = () => {
    if (portrait.length) sections.push(page('portrait', portrait));
    portrait = [];
  };
  for (const section of model.sections) {
    const heading = new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.heading)] });
    portrait.push(heading);
    for (const block of section.blocks) {
      if (block.kind === 'table' && isWide(block.table)) {
        // A section that opens with a wide table takes its heading to the landscape page.
        const opens = portrait.at(-1) === heading;
        if (opens) portrait.pop();
        flush();
        sections.push(page('landscape', [...(opens ? [heading] : []), ...table(block.table, CONTENT.landscape)]));
      } else if (block.kind === 'table') {
        portrait.push(...table(block.table, CONTENT.portrait, await chart(block.table, CONTENT.portrait)));
      } else {
        portrait.push(
          new Paragraph({
            ...(block.kind === 'subheading' ? { heading: HeadingLevel.HEADING_2, keepNext: true } : {}),
            children: [new TextRun(block.text)],
          }),
        );
      }
    }
  }
  flush();

  const document = new Document({
    creator: 'udmeld',
    title: model.title,
    description: `Afrapportering fra ${model.regionName}`,
    // Laying the pages out costs about 12 µs a character on this machine (4 s for 22 answers of
    // 5,000 characters ×3), on the thread that renders: a longer report's contents go without page
    // numbers, and Word fills them in when it opens the document.
    ...(textLength(model) <= PAGE_NUMBERS_UP_TO_CHARACTERS ? { pageNumbers: estimatePageNumbers } : {}),
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } },
          paragraph: { spacing: { after: 140, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { size: 44, bold: true, color: '0B4F8A' }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { size: 32, bold: true, color: '0B4F8A' }, paragraph: { spacing: { before: 360, after: 140 }, keepNext: true } },
        heading2: { run: { size: 26, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading3: { run: { size: 22, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}
