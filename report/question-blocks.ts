// What each kind of question shows in the report: counts per respondent with a total, choices as a
// distribution, yes/no as counts, dates and texts as quoted, a table combined across respondents
// (grouped by its first choice column, with totals), the offers by provider. Every count of every
// kind is protected when the report leaves the secretariat (domain/suppression.ts).
import { attachmentText } from '../domain/attachments';
import { PROVIDER_TYPES } from '../domain/answer';
import { cellText, danishNumber } from '../domain/answer-text';
import { municipality } from '../domain/municipalities';
import type { Column, Question, QuestionKind } from '../domain/questionnaire';
import { protectCount, protectCounts } from '../domain/suppression';
import { isolated } from '../domain/text';
import { danishDate } from '../domain/time';
import type { ReportData } from '../domain/views';
import type { Section } from './model';

type Block = Section['blocks'][number];
type Blocks = (question: Question, report: ReportData, threshold: number | undefined) => Block[];

const name = (code: string) => municipality(code).name;
/** A number counts something (people, places, offers) when it is whole and not negative: those are protected. */
const isCount = (q: Question) => q.kind === 'number' && q.decimals === 0 && q.min >= 0;

export const QUESTION_BLOCKS: Record<QuestionKind, Blocks> = {
  number: numberBlocks,
  computed: numberBlocks,
  text: (q, report) => {
    const texts = report.texts.find((t) => t.questionId === q.id);
    if (!texts) return [];
    return [
      { kind: 'subheading', text: q.label },
      ...(texts.entries.length === 0
        ? [{ kind: 'paragraph' as const, text: 'Ingen har svaret på dette spørgsmål.' }]
        : texts.entries.map((e) => ({ kind: 'paragraph' as const, text: `${e.name}: ${isolated(e.text)}` }))),
    ];
  },
  choice: (q, report, threshold) => {
    const found = report.choices.find((c) => c.questionId === q.id);
    if (!found || q.kind !== 'choice') return [];
    const protectedCounts = q.options.map((o) => found.counts[o.id] ?? 0);
    const exact = threshold === undefined;
    return [
      {
        kind: 'table',
        table: {
          caption: q.label,
          head: ['Svar', 'Antal', ...(exact ? ['Andel'] : [])],
          rows: [
            ...q.options.map((o, i) => [
              isolated(o.label),
              protectCount(protectedCounts[i] ?? 0, threshold),
              ...(exact ? [found.respondents ? `${danishNumber((100 * (protectedCounts[i] ?? 0)) / found.respondents, 0)} %` : ''] : []),
            ]),
            ['Har svaret', protectCount(found.respondents, threshold), ...(exact ? [''] : [])],
          ],
          numeric: exact ? [1, 2] : [1],
          totalRow: true,
        },
      },
    ];
  },
  yesno: (q, report, threshold) => {
    const found = report.yesno.find((y) => y.questionId === q.id);
    if (!found) return [];
    return [
      {
        kind: 'table',
        table: {
          caption: q.label,
          head: ['Svar', 'Antal'],
          rows: [
            ['Ja', protectCount(found.yes, threshold)],
            ['Nej', protectCount(found.no, threshold)],
          ],
          numeric: [1],
        },
      },
    ];
  },
  date: (q, report) => {
    const found = report.dates.find((d) => d.questionId === q.id);
    if (!found) return [];
    return [
      { kind: 'subheading', text: q.label },
      ...found.entries.map((e) => ({ kind: 'paragraph' as const, text: `${e.name}: ${danishDate(e.date)}` })),
    ];
  },
  attachment: (q, report, threshold) => {
    const found = report.files.find((d) => d.questionId === q.id);
    if (!found) return [];
    return [
      { kind: 'subheading', text: q.label },
      {
        kind: 'paragraph',
        text: `${protectCount(found.entries.length, threshold)} af ${report.municipalities.length} har vedhæftet en fil.`,
      },
      // Who sent which file is the secretariat's to see; what leaves it says how many.
      ...(threshold === undefined
        ? found.entries.map((e) => ({ kind: 'paragraph' as const, text: `${e.name}: ${attachmentText(e.file)}` }))
        : []),
    ];
  },
  table: tableBlocks,
  services: (q, report, threshold) => {
    const rows = report.services.map((s) => [
      isolated(s.offer),
      PROVIDER_TYPES[s.provider],
      isolated(s.legalBasis),
      protectCount(s.places, threshold),
      String(s.municipalities.length),
    ]);
    const providers = Object.entries(report.providerTotals).filter(([, t]) => t.offers > 0);
    return [
      {
        kind: 'table',
        table: { caption: q.label, head: ['Tilbud', 'Leverandør', 'Lovgrundlag', 'Pladser', 'Kommuner'], rows, numeric: [3, 4] },
      },
      {
        kind: 'table',
        table: {
          caption: 'Tilbud og pladser fordelt på leverandørtype',
          head: ['Leverandør', 'Tilbud', 'Pladser'],
          rows: providers.map(([provider, t]) => [
            PROVIDER_TYPES[provider as keyof typeof PROVIDER_TYPES],
            String(t.offers),
            protectCount(t.places, threshold),
          ]),
          numeric: [1, 2],
        },
      },
    ];
  },
};

function numberBlocks(q: Question, report: ReportData, threshold: number | undefined): Block[] {
  const numbers = report.numbers.find((n) => n.questionId === q.id);
  if (!numbers || (q.kind !== 'number' && q.kind !== 'computed')) return [];
  const codes = Object.keys(numbers.perMunicipality);
  const exact = (n: number) => danishNumber(n);
  const counts = isCount(q);
  const shown = counts
    ? protectCounts(numbers.perMunicipality, threshold)
    : { cells: Object.fromEntries(codes.map((c) => [c, exact(numbers.perMunicipality[c] ?? 0)])), total: exact(numbers.total) };
  const unit = q.unit ? `Antal ${q.unit}` : q.kind === 'computed' ? 'Værdi' : 'Antal';
  // A count per respondent is drawn too; a protected figure gets no bar, only its label.
  const chart =
    counts && codes.length
      ? {
          unit,
          bars: codes.map((code) => {
            const value = numbers.perMunicipality[code] ?? 0;
            const cell = shown.cells[code] ?? '';
            return { label: name(code), value: cell === protectCount(value) ? value : null, shown: cell };
          }),
        }
      : undefined;
  return [
    {
      kind: 'table',
      table: {
        caption: q.label,
        head: ['Kommune', unit],
        rows: [...codes.map((code) => [name(code), shown.cells[code] ?? '']), ['I alt', shown.total]],
        numeric: [1],
        totalRow: true,
        ...(chart ? { chart } : {}),
      },
    },
  ];
}

/** Every respondent's rows in one table, grouped by the table's first choice column, with each group's totals. */
function tableBlocks(q: Question, report: ReportData, threshold: number | undefined): Block[] {
  const found = report.tables.find((t) => t.questionId === q.id);
  if (!found || q.kind !== 'table') return [];
  const group = q.columns.find((c): c is Extract<Column, { kind: 'choice' }> => c.kind === 'choice');
  const shownColumns = q.columns.filter((c) => c !== group);
  const summed = (c: Column) => c.kind === 'number';
  const rowLabel = (id?: string) => q.rows?.find((r) => r.id === id)?.label ?? '';
  const head = ['Indberetter', ...(q.rows ? ['Række'] : []), ...shownColumns.map((c) => c.label)];
  const offset = head.length - shownColumns.length;
  const numeric = shownColumns.flatMap((c, i) => (c.kind === 'text' || c.kind === 'choice' || c.kind === 'yesno' ? [] : [offset + i]));
  const tableOf = (caption: string, rows: typeof found.rows): Block => {
    const totals = shownColumns.map((c) =>
      summed(c) ? danishNumber(rows.reduce((sum, r) => sum + (typeof r.cells[c.id] === 'number' ? (r.cells[c.id] as number) : 0), 0)) : '',
    );
    return {
      kind: 'table',
      table: {
        caption,
        head,
        rows: [
          ...rows.map((r) => [
            name(r.code),
            ...(q.rows ? [rowLabel(r.row)] : []),
            ...shownColumns.map((c) => isolated(cellText(c, r.cells[c.id]))),
          ]),
          ...(shownColumns.some(summed) ? [['I alt', ...(q.rows ? [''] : []), ...totals]] : []),
        ],
        numeric,
        ...(shownColumns.some(summed) ? { totalRow: true } : {}),
      },
    };
  };
  if (found.rows.length === 0)
    return [
      { kind: 'subheading', text: q.label },
      { kind: 'paragraph', text: 'Ingen rækker er indberettet.' },
    ];
  if (!group) return [tableOf(q.label, found.rows)];
  const blocks: Block[] = [{ kind: 'subheading', text: q.label }];
  for (const option of [...group.options, { id: '', label: 'Uden ' + group.label.toLowerCase() }]) {
    const rows = found.rows.filter((r) => (option.id ? r.cells[group.id] === option.id : r.cells[group.id] === undefined));
    if (rows.length === 0) continue;
    const count = protectCount(rows.length, threshold);
    // "1-4 rækker", never "1-4 række": the singular would give the protected count away.
    blocks.push(tableOf(`${group.label}: ${option.label} (${count} ${count === '1' ? 'række' : 'rækker'})`, rows));
  }
  return blocks;
}
