import { expect, test } from 'vitest';
import { answerValuesSchema } from '../../domain/answer-schema';
import { DEFAULT_QUESTIONNAIRE, questionnaireSchema } from '../../domain/questionnaire';
import { aggregateReport, type ReportInput } from '../../domain/report';
import { answerFor, SYDDANMARK_CODES } from '../../fixtures/round';

const complete = answerValuesSchema(DEFAULT_QUESTIONNAIRE, true);
const draft = answerValuesSchema(DEFAULT_QUESTIONNAIRE, false);

test('a submission needs every required question; a draft needs none', () => {
  expect(complete.safeParse(answerFor('0461')).success).toBe(true);
  expect(draft.safeParse({}).success).toBe(true);
  const missing = complete.safeParse({ antal: 2 });
  expect(missing.success).toBe(false);
  expect(missing.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['fremadrettet', 'identifikation', 'koordinering', 'tilbud']);
  expect(missing.error!.issues.every((i) => i.message === 'Feltet skal udfyldes')).toBe(true);
});

test('drafts are checked for type and range too', () => {
  expect(draft.safeParse({ antal: -1 }).success).toBe(false);
  expect(draft.safeParse({ ukendt: 'x' }).success).toBe(false);
  expect(draft.safeParse({ identifikation: 'x'.repeat(5001) }).success).toBe(false);
});

test('a questionnaire may not reuse a question id', () => {
  const dup = {
    themes: [
      {
        id: 'a',
        title: 'A',
        questions: [
          { id: 'q', kind: 'text', label: 'Q' },
          { id: 'q', kind: 'number', label: 'Q2' },
        ],
      },
    ],
  };
  const result = questionnaireSchema.safeParse(dup);
  expect(result.success).toBe(false);
  expect(result.error!.issues[0]!.path).toEqual(['themes', 0, 'questions', 1, 'id']);
});

test('the report sums counts, groups services and lists who did not answer', () => {
  const states = SYDDANMARK_CODES.slice(0, 4).map((code, i): ReportInput => ({
    code,
    name: code,
    status: i === 3 ? 'not_submitted' : 'submitted',
    ...(i === 3 ? {} : { answer: { values: complete.parse(answerFor(code)), submittedAt: '2026-05-01T10:00:00Z' } }),
  }));
  const report = aggregateReport(DEFAULT_QUESTIONNAIRE, states, '2026-06-02T00:00:00Z');
  const antal = report.numbers[0]!;
  expect(antal.total).toBe([0, 1, 2].reduce((s, i) => s + (Number(SYDDANMARK_CODES[i]) % 7), 0));
  expect(Object.keys(antal.perMunicipality)).toHaveLength(3);
  expect(report.notAnswered.map((m) => m.code)).toEqual([SYDDANMARK_CODES[3]]);
  const clinic = report.services.find((s) => s.offer === 'Spiseforstyrrelsesklinik Syd')!;
  expect(clinic.municipalities).toHaveLength(3);
  expect(report.providerTotals.region.places).toBe(clinic.places);
  expect(Object.keys(report.summaries)).toEqual(DEFAULT_QUESTIONNAIRE.themes.map((t) => t.id));
});
