// The regional report's data (afrapportering), aggregated from the municipalities' latest answers.
import type { AttachmentRef } from './attachments';
import { PROVIDER_TYPES, withComputed, type AnswerValues, type ServiceRow, type TableRow } from './answer';
import { municipality } from './municipalities';
import type { MunicipalityStatus } from './municipality-process';
import type { Question, QuestionKind, Questionnaire } from './questionnaire';
import type { ReportData } from './views';

export type { ReportData };

/** One municipality as the report sees it: its status and its latest submitted answer. */
export interface ReportInput {
  code: string;
  name: string;
  status: MunicipalityStatus;
  answer?: { values: AnswerValues; submittedAt: string };
}

type Answered = ReportInput & { values: Record<string, unknown> };
type Parts = Pick<ReportData, 'numbers' | 'texts' | 'choices' | 'yesno' | 'dates' | 'tables' | 'files'> & {
  services: Map<string, ReportData['services'][number]>;
};

/** What each kind of question adds to the report, from the answers with their computed values. */
const AGGREGATE: Record<QuestionKind, (question: Question, theme: string, answered: Answered[], parts: Parts) => void> = {
  number: (q, _t, answered, parts) => numbers(q, answered, parts),
  computed: (q, _t, answered, parts) => numbers(q, answered, parts),
  text: (q, theme, answered, parts) => {
    const entries = answered.map((s) => ({ code: s.code, name: s.name, text: textOf(s.values[q.id]) })).filter((e) => e.text.length > 0);
    parts.texts.push({ themeId: theme, questionId: q.id, label: q.label, entries });
  },
  choice: (q, _t, answered, parts) => {
    if (q.kind !== 'choice') return;
    const counts: Record<string, number> = Object.fromEntries(q.options.map((o) => [o.id, 0]));
    let respondents = 0;
    for (const s of answered) {
      const v = s.values[q.id];
      const chosen = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
      if (chosen.length) respondents += 1;
      for (const id of chosen) if (id in counts) counts[id] = (counts[id] ?? 0) + 1;
    }
    parts.choices.push({ questionId: q.id, counts, respondents });
  },
  yesno: (q, _t, answered, parts) => {
    const values = answered.map((s) => s.values[q.id]);
    parts.yesno.push({ questionId: q.id, yes: values.filter((v) => v === true).length, no: values.filter((v) => v === false).length });
  },
  date: (q, _t, answered, parts) => {
    const entries = answered.flatMap((s) =>
      typeof s.values[q.id] === 'string' ? [{ code: s.code, name: s.name, date: s.values[q.id] as string }] : [],
    );
    parts.dates.push({ questionId: q.id, entries });
  },
  attachment: (q, _t, answered, parts) => {
    const entries = answered.flatMap((s) => {
      const file = s.values[q.id];
      return typeof file === 'object' && file !== null && !Array.isArray(file)
        ? [{ code: s.code, name: s.name, file: file as AttachmentRef }]
        : [];
    });
    parts.files.push({ questionId: q.id, entries });
  },
  table: (q, _t, answered, parts) => {
    if (q.kind !== 'table') return;
    const rows = answered.flatMap((s) =>
      ((s.values[q.id] as TableRow[] | undefined) ?? []).map((cells, i) => ({
        code: s.code,
        name: s.name,
        ...(q.rows?.[i] ? { row: q.rows[i].id } : {}),
        cells,
      })),
    );
    parts.tables.push({ questionId: q.id, rows });
  },
  services: (q, _t, answered, parts) => {
    for (const s of answered) {
      for (const row of (s.values[q.id] as ServiceRow[] | undefined) ?? []) {
        const key = [row.offer.toLowerCase(), row.provider, row.legalBasis.toLowerCase()].join('|');
        const entry = parts.services.get(key) ?? {
          offer: row.offer,
          provider: row.provider,
          legalBasis: row.legalBasis,
          places: 0,
          municipalities: [],
        };
        entry.places += row.places;
        if (!entry.municipalities.includes(s.code)) entry.municipalities.push(s.code);
        parts.services.set(key, entry);
      }
    }
  },
};

function numbers(q: Question, answered: Answered[], parts: Parts): void {
  if (q.kind !== 'number' && q.kind !== 'computed') return;
  const perMunicipality: Record<string, number> = {};
  for (const s of answered) {
    const v = s.values[q.id];
    if (typeof v === 'number') perMunicipality[s.code] = v;
  }
  const total = Object.values(perMunicipality).reduce((a, b) => a + b, 0);
  parts.numbers.push({ questionId: q.id, label: q.label, unit: q.unit, total: Math.round(total * 1e6) / 1e6, perMunicipality });
}

export function aggregateReport(questionnaire: Questionnaire, states: ReportInput[], generatedAt: string): ReportData {
  const answered = states.flatMap((s) => (s.answer ? [{ ...s, values: withComputed(questionnaire, s.answer.values) }] : [])).sort(byCode);
  const parts: Parts = { numbers: [], texts: [], choices: [], yesno: [], dates: [], tables: [], files: [], services: new Map() };
  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) AGGREGATE[question.kind](question, theme.id, answered, parts);
  }

  const providerTotals = Object.fromEntries(
    Object.keys(PROVIDER_TYPES).map((p) => [p, { offers: 0, places: 0 }]),
  ) as ReportData['providerTotals'];
  for (const s of parts.services.values()) {
    providerTotals[s.provider].offers += 1;
    providerTotals[s.provider].places += s.places;
  }

  const sorted = [...states].sort(byCode);
  const { services, ...rest } = parts;
  return {
    generatedAt,
    municipalities: sorted.map((s) => ({ code: s.code, name: s.name, status: s.status, submittedAt: s.answer?.submittedAt })),
    ...rest,
    services: [...services.values()].sort((a, b) => compare(a.offer.toLowerCase(), b.offer.toLowerCase())),
    providerTotals,
    notAnswered: sorted.filter((s) => !s.answer).map((s) => ({ code: s.code, name: municipality(s.code).name, status: s.status })),
    summaries: Object.fromEntries(questionnaire.themes.map((t) => [t.id, ''])),
  };
}

// Plain comparisons rather than localeCompare: this runs inside workflows and must not depend on ICU data.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCode(a: { code: string }, b: { code: string }): number {
  return compare(a.code, b.code);
}

/** A text answer as the report quotes it (a number or a date as written; nothing for anything else). */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The report's assessment: a section of its own after the themes, edited like their summaries (while
 * the draft is being written, and while the economic working group has it), and named by who assesses.
 */
export const ASSESSMENT = 'vurdering';
/** An agenda item's two sections, so FU, the forum and the councils can put the report on their agendas as it is. */
export const CASE_PRESENTATION = 'sagsfremstilling';
export const RECOMMENDATION = 'indstilling';
/** The sections the secretariat writes besides the themes' summaries: first, after the themes, last. */
export const OWN_SECTION_IDS: readonly string[] = [CASE_PRESENTATION, ASSESSMENT, RECOMMENDATION];
export function assessmentHeading(chain: readonly string[]): string {
  return chain.includes('oeg') ? 'Økonomisk arbejdsgruppes vurdering' : 'Sekretariatets vurdering';
}
