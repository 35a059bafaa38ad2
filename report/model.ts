// The regional report (afrapportering) as a document model: sections, paragraphs and tables with
// every figure already formatted in Danish and, when it leaves the secretariat, protected. DOCX,
// HTML and the submission e-mail are all rendered from this one model.
import { decisionOf, stepRow } from '../domain/approval-chain';
import { DECISION_LABELS } from '../domain/cu';
import { isRegion, REGIONS } from '../domain/municipalities';
import { COMPLEMENTARY, smallRange } from '../domain/suppression';
import { CU_PHASES } from '../domain/cu-process';
import { MUNICIPALITY_STATUSES } from '../domain/municipality-process';
import type { CouncilRecord as CouncilState, CuRecord as CuState } from '../domain/views';
import { isolated } from '../domain/text';
import { QUESTION_BLOCKS } from './question-blocks';
import { ASSESSMENT, assessmentHeading, CASE_PRESENTATION, RECOMMENDATION } from '../domain/report';
import { copenhagenDate, danishDate, danishDateTime } from '../domain/time';
import { z } from '../domain/zod';

export const tableSchema = z.object({
  caption: z.string(),
  head: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Columns holding numbers (right-aligned). */
  numeric: z.array(z.number()),
  /** The last row is a total. */
  totalRow: z.boolean().optional(),
  /** Drawn as a bar chart too (a count per respondent): each bar's figure as the table shows it, null when protected. */
  chart: z
    .object({ unit: z.string(), bars: z.array(z.object({ label: z.string(), value: z.number().nullable(), shown: z.string() })) })
    .optional(),
});
export type Table = z.output<typeof tableSchema>;

export const sectionSchema = z.object({
  heading: z.string(),
  blocks: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('paragraph'), text: z.string() }),
      z.object({ kind: z.literal('subheading'), text: z.string() }),
      z.object({ kind: z.literal('table'), table: tableSchema }),
    ]),
  ),
});
export type Section = z.output<typeof sectionSchema>;

export const reportModelSchema = z.object({
  title: z.string(),
  cuTitle: z.string(),
  regionName: z.string(),
  draft: z.boolean(),
  /** The small-number threshold applied, or undefined for exact figures. */
  threshold: z.number().optional(),
  /** The day it was made, in words (the Word document's header). */
  printedOn: z.string(),
  facts: z.array(z.tuple([z.string(), z.string()])),
  sections: z.array(sectionSchema),
  footnotes: z.array(z.string()),
});
export type ReportModel = z.output<typeof reportModelSchema>;

export interface ModelOptions {
  /** Protect small numbers (everything that leaves the secretariat). */
  threshold?: number;
  now?: number;
}

/** A text the secretariat wrote, a paragraph per blank-line-separated part. */
const paragraphs = (text: string): Section['blocks'] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph' as const, text: isolated(p) }));

const councilStatus = (c: CouncilState) =>
  c.status === 'pending' ? 'Afventer' : c.status === 'no_decision' ? 'Ingen beslutning registreret' : DECISION_LABELS[c.status];

export function reportModel(state: CuState, { threshold, now = Date.now() }: ModelOptions = {}): ReportModel {
  const { cu, report } = state;
  const regionName = REGIONS[cu.regionCode];
  // Final once the step that approves the report has (its latest decision onwards), or once past the chain.
  const approving = state.stepDecisions.filter((d) => stepRow(d.step).approvesReport).at(-1);
  const approved =
    (approving !== undefined && decisionOf(approving.step, approving.decision)?.outcome === 'onwards') ||
    ['political', 'ready', 'submitted', 'completed'].includes(state.phase);
  const facts: [string, string][] = [
    ['Central udmelding', isolated(cu.title)],
    ['Målgruppe', isolated(cu.targetGroup)],
    ['Lovgrundlag', cu.legalBasis],
    ['Udmeldt', danishDate(cu.issuedOn)],
    ['Frist for afrapportering', danishDate(cu.nationalDeadline)],
    ...(state.round ? ([['Kommunernes frist', danishDate(state.round.deadline)]] as [string, string][]) : []),
    ['Status', CU_PHASES[state.phase]],
    ['Udskrevet', danishDateTime(now)],
  ];
  const sections: Section[] = [];
  const footnotes: string[] = [];

  if (report) {
    const answered = report.municipalities.length - report.notAnswered.length;
    const withRegion = report.municipalities.some((m) => isRegion(m.code));
    const who = withRegion ? `kommunerne i ${regionName} og regionen selv` : `kommunerne i ${regionName}`;
    const about =
      cu.process.submitTo === 'national_board'
        ? `den centrale udmelding om ${isolated(cu.targetGroup.toLowerCase())}`
        : `"${isolated(cu.title)}"`;
    const presentation = report.summaries[CASE_PRESENTATION]?.trim();
    if (presentation) sections.push({ heading: 'Sagsfremstilling', blocks: paragraphs(presentation) });
    sections.push({
      heading: 'Indledning',
      blocks: [
        {
          kind: 'paragraph',
          text: `Afrapporteringen samler svarene fra ${who} på ${about}. ${answered} af ${report.municipalities.length} ${withRegion ? '' : 'kommuner '}har indberettet.`,
        },
      ],
    });
    for (const theme of cu.questionnaire.themes) {
      const section: Section = { heading: theme.title, blocks: [] };
      const summary = report.summaries[theme.id]?.trim();
      if (summary) section.blocks.push({ kind: 'paragraph', text: isolated(summary) });
      for (const question of theme.questions) section.blocks.push(...QUESTION_BLOCKS[question.kind](question, report, threshold));
      sections.push(section);
    }
    const assessment = report.summaries[ASSESSMENT]?.trim();
    if (assessment) sections.push({ heading: assessmentHeading(state.chain), blocks: paragraphs(assessment) });
    const recommendation = report.summaries[RECOMMENDATION]?.trim();
    if (recommendation) sections.push({ heading: 'Indstilling', blocks: paragraphs(recommendation) });
    sections.push({
      heading: 'Kommuner uden besvarelse',
      blocks: report.notAnswered.length
        ? [
            {
              kind: 'table',
              table: {
                caption: 'Kommuner uden besvarelse',
                head: ['Kommune', 'Status'],
                rows: report.notAnswered.map((m) => [m.name, MUNICIPALITY_STATUSES[m.status]]),
                numeric: [],
              },
            },
          ]
        : [{ kind: 'paragraph', text: 'Alle kommuner har indberettet.' }],
    });
  } else {
    sections.push({
      heading: 'Indberetning',
      blocks: [
        {
          kind: 'paragraph',
          text: 'Kommunernes indberetning er ikke afsluttet endnu; afrapporteringen dannes, når alle har svaret eller fristen er udløbet.',
        },
      ],
    });
  }

  const record: string[][] = [
    ...state.stepDecisions.map((d) => [
      stepRow(d.step).name,
      `${decisionOf(d.step, d.decision)?.label ?? d.decision}${d.remarks ? `: ${isolated(d.remarks)}` : ''}`,
      d.date ? danishDate(d.date) : danishDateTime(Date.parse(d.recordedAt)),
    ]),
    ...Object.values(state.councils).map((c) => [
      c.name,
      `${councilStatus(c)}${c.remarks ? `: ${isolated(c.remarks)}` : ''}`,
      c.date ? danishDate(c.date) : '',
    ]),
    ...(state.submission
      ? [['Indsendt til Social- og Boligstyrelsen', state.submission.to, danishDateTime(Date.parse(state.submission.at))]]
      : []),
  ];
  sections.push({
    heading: 'Godkendelse',
    blocks: record.length
      ? [
          {
            kind: 'table',
            table: { caption: 'Behandling og godkendelse', head: ['Instans', 'Beslutning', 'Dato'], rows: record, numeric: [] },
          },
        ]
      : [{ kind: 'paragraph', text: 'Afrapporteringen er endnu ikke behandlet.' }],
  });

  if (threshold !== undefined) {
    footnotes.push(
      `Af hensyn til borgernes anonymitet vises antal mellem 1 og ${threshold} som "${smallRange(threshold)}". "${COMPLEMENTARY}" betyder, at tallet er skjult, så et lille tal ikke kan regnes ud af totalen.`,
    );
  }
  return {
    title: `Afrapportering: ${isolated(cu.title)}`,
    cuTitle: isolated(cu.title),
    regionName,
    draft: !approved,
    ...(threshold !== undefined ? { threshold } : {}),
    printedOn: danishDate(copenhagenDate(now)),
    facts,
    sections,
    footnotes,
  };
}
