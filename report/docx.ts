// The report as a Word document, made with the docx library from the report model.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  ShadingType,
} from 'docx';
import { xmlSafe } from './cells';
import type { ReportModel, Table as ModelTable } from './model';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DRAFT = 'UDKAST – ikke godkendt';

function table(t: ModelTable): (Paragraph | Table)[] {
  const cell = (text: string, column: number, header: boolean, bold: boolean) =>
    new TableCell({
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7EDF5', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          alignment: t.numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold })],
        }),
      ],
    });
  const last = t.rows.length - 1;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(t.caption)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map((h, i) => cell(h, i, true, true)) }),
        ...t.rows.map((row, r) => new TableRow({ children: row.map((text, i) => cell(text, i, false, !!t.totalRow && r === last)) })),
      ],
    }),
    new Paragraph(''),
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
  const titlePage = [
    ...(model.draft
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: DRAFT, bold: true, color: 'B00020', size: 32 })],
          }),
        ]
      : []),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(model.regionName)] }),
    ...model.facts.map(
      ([label, value]) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    ...model.footnotes.map((text) => new Paragraph({ children: [new TextRun({ text, italics: true })] })),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  const body = model.sections.flatMap((section) => [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.heading)] }),
    ...section.blocks.flatMap((block) =>
      block.kind === 'table'
        ? table(block.table)
        : [
            new Paragraph({
              ...(block.kind === 'subheading' ? { heading: HeadingLevel.HEADING_2 } : {}),
              children: [new TextRun(block.text)],
            }),
          ],
    ),
  ]);
  const document = new Document({
    creator: 'udmeld',
    title: model.title,
    description: `Afrapportering fra ${model.regionName}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: model.draft ? `${model.cuTitle} – ${DRAFT}` : model.cuTitle, size: 18 })],
              }),
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
        children: [...titlePage, ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
}
