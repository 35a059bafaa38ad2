// The regional report's data (afrapportering), aggregated from the municipalities' latest answers.
import { PROVIDER_TYPES, type AnswerValues, type ServiceRow } from './answer';
import { municipality } from './municipalities';
import type { MunicipalityStatus } from './municipality-process';
import type { Questionnaire } from './questionnaire';
import type { ReportData } from './views';

export type { ReportData };

/** One municipality as the report sees it: its status and its latest submitted answer. */
export interface ReportInput {
  code: string;
  name: string;
  status: MunicipalityStatus;
  answer?: { values: AnswerValues; submittedAt: string };
}

export function aggregateReport(questionnaire: Questionnaire, states: ReportInput[], generatedAt: string): ReportData {
  const answered = states.flatMap((s) => (s.answer ? [{ ...s, values: s.answer.values }] : [])).sort(byCode);
  const numbers: ReportData['numbers'] = [];
  const texts: ReportData['texts'] = [];
  const services = new Map<string, ReportData['services'][number]>();

  for (const theme of questionnaire.themes) {
    for (const question of theme.questions) {
      if (question.kind === 'number') {
        const perMunicipality: Record<string, number> = {};
        for (const s of answered) {
          const v = s.values[question.id];
          if (typeof v === 'number') perMunicipality[s.code] = v;
        }
        const total = Object.values(perMunicipality).reduce((a, b) => a + b, 0);
        numbers.push({ questionId: question.id, label: question.label, unit: question.unit, total, perMunicipality });
      } else if (question.kind === 'text') {
        const entries = answered
          .map((s) => ({ code: s.code, name: s.name, text: textOf(s.values[question.id]) }))
          .filter((e) => e.text.length > 0);
        texts.push({ themeId: theme.id, questionId: question.id, label: question.label, entries });
      } else {
        for (const s of answered) {
          for (const row of (s.values[question.id] as ServiceRow[] | undefined) ?? []) {
            const key = [row.offer.toLowerCase(), row.provider, row.legalBasis.toLowerCase()].join('|');
            const entry = services.get(key) ?? {
              offer: row.offer,
              provider: row.provider,
              legalBasis: row.legalBasis,
              places: 0,
              municipalities: [],
            };
            entry.places += row.places;
            if (!entry.municipalities.includes(s.code)) entry.municipalities.push(s.code);
            services.set(key, entry);
          }
        }
      }
    }
  }

  const providerTotals = Object.fromEntries(
    Object.keys(PROVIDER_TYPES).map((p) => [p, { offers: 0, places: 0 }]),
  ) as ReportData['providerTotals'];
  for (const s of services.values()) {
    providerTotals[s.provider].offers += 1;
    providerTotals[s.provider].places += s.places;
  }

  const sorted = [...states].sort(byCode);
  return {
    generatedAt,
    municipalities: sorted.map((s) => ({ code: s.code, name: s.name, status: s.status, submittedAt: s.answer?.submittedAt })),
    numbers,
    services: [...services.values()].sort((a, b) => compare(a.offer.toLowerCase(), b.offer.toLowerCase())),
    providerTotals,
    texts,
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
