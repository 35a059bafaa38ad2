// The regional report (afrapportering) as a document model: sections, paragraphs and tables with
// every figure already formatted in Danish and, when it leaves the secretariat, protected. DOCX,
// HTML and the submission e-mail are all rendered from this one model.
import { PROVIDER_TYPES } from '../domain/answer';
import { decisionOf, stepRow } from '../domain/approval-chain';
import { DECISION_LABELS } from '../domain/cu';
import { municipality, REGIONS } from '../domain/municipalities';
import { COMPLEMENTARY, protectCount, protectCounts, smallRange } from '../domain/suppression';
import { CU_PHASES } from '../domain/cu-process';
import { MUNICIPALITY_STATUSES } from '../domain/municipality-process';
import type { CouncilRecord as CouncilState, CuRecord as CuState } from '../domain/views';
import { isolated } from '../domain/text';
import { danishDate, danishDateTime } from '../domain/time';
import { z } from '../domain/zod';

export const tableSchema = z.object({
  caption: z.string(),
  head: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Columns holding numbers (right-aligned). */
  numeric: z.array(z.number()),
  /** The last row is a total. */
  totalRow: z.boolean().optional(),
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

const councilStatus = (c: CouncilState) =>
  c.status === 'pending' ? 'Afventer' : c.status === 'no_decision' ? 'Ingen beslutning registreret' : DECISION_LABELS[c.status];

export function reportModel(state: CuState, { threshold, now = Date.now() }: ModelOptions = {}): ReportModel {
  const { cu, report } = state;
  const regionName = REGIONS[cu.regionCode];
  // Final once the step that approves the report has (its latest decision onwards), or once past the chain.
  const approving = state.stepDecisions.filter((d) => stepRow(d.step).approvesReport).at(-1);
  const approved =
    (approving !== undefined && decisionOf(approving.step, approving.decision)?.outcome === 'onwards') ||
    ['political', 'ready', 'submitted'].includes(state.phase);
  const name = (code: string) => municipality(code).name;
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
    sections.push({
      heading: 'Indledning',
      blocks: [
        {
          kind: 'paragraph',
          text: `Afrapporteringen samler svarene fra kommunerne i ${regionName} på den centrale udmelding om ${isolated(cu.targetGroup.toLowerCase())}. ${answered} af ${report.municipalities.length} kommuner har indberettet.`,
        },
      ],
    });
    for (const theme of cu.questionnaire.themes) {
      const section: Section = { heading: theme.title, blocks: [] };
      const summary = report.summaries[theme.id]?.trim();
      if (summary) section.blocks.push({ kind: 'paragraph', text: isolated(summary) });
      for (const question of theme.questions) {
        const numbers = report.numbers.find((n) => n.questionId === question.id);
        const texts = report.texts.find((t) => t.questionId === question.id);
        if (question.kind === 'number' && numbers) {
          const shown = protectCounts(numbers.perMunicipality, threshold);
          section.blocks.push({
            kind: 'table',
            table: {
              caption: question.label,
              head: ['Kommune', question.unit ? `Antal ${question.unit}` : 'Antal'],
              rows: [...Object.keys(numbers.perMunicipality).map((code) => [name(code), shown.cells[code] ?? '']), ['I alt', shown.total]],
              numeric: [1],
              totalRow: true,
            },
          });
        } else if (question.kind === 'services') {
          const rows = report.services.map((s) => [
            isolated(s.offer),
            PROVIDER_TYPES[s.provider],
            isolated(s.legalBasis),
            protectCount(s.places, threshold),
            String(s.municipalities.length),
          ]);
          section.blocks.push({
            kind: 'table',
            table: { caption: question.label, head: ['Tilbud', 'Leverandør', 'Lovgrundlag', 'Pladser', 'Kommuner'], rows, numeric: [3, 4] },
          });
          const providers = Object.entries(report.providerTotals).filter(([, t]) => t.offers > 0);
          section.blocks.push({
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
          });
        } else if (question.kind === 'text' && texts) {
          section.blocks.push({ kind: 'subheading', text: question.label });
          if (texts.entries.length === 0) section.blocks.push({ kind: 'paragraph', text: 'Ingen kommuner har svaret på dette spørgsmål.' });
          for (const entry of texts.entries) section.blocks.push({ kind: 'paragraph', text: `${entry.name}: ${isolated(entry.text)}` });
        }
      }
      sections.push(section);
    }
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
    facts,
    sections,
    footnotes,
  };
}
