// Every kind of question read by the one checker the page, the API and the workflow share, with
// computed values and conditions: the occupancy round's "explain when |deviation| ≥ 5".
import { describe, expect, test } from 'vitest';
import { checkAnswer, withComputed } from '../../domain/answer';
import { OCCUPANCY_QUESTIONNAIRE } from '../../domain/builtin-questionnaires';
import { describeRule, evaluate, holds } from '../../domain/expressions';
import { questionnaireSchema, type Questionnaire } from '../../domain/questionnaire';

const parse = (input: unknown): Questionnaire => questionnaireSchema.parse(input);
const one = (questions: unknown[]) => parse({ themes: [{ id: 't', title: 'T', questions }] });
const issues = (q: Questionnaire, values: unknown, complete = true) => {
  const checked = checkAnswer(q, values, complete);
  return checked.ok ? [] : checked.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('kinds', () => {
  const q = one([
    { id: 'antal', kind: 'number', label: 'Antal', min: 0, max: 100 },
    { id: 'beloeb', kind: 'number', label: 'Beløb', min: -10, max: 1_000_000, decimals: 2, required: false },
    {
      id: 'form',
      kind: 'choice',
      label: 'Form',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    },
    {
      id: 'flere',
      kind: 'choice',
      label: 'Flere',
      multiple: true,
      options: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
    },
    { id: 'ja', kind: 'yesno', label: 'Ja?' },
    { id: 'dato', kind: 'date', label: 'Dato' },
  ]);
  const good = { antal: 3, beloeb: 2.25, form: 'a', flere: ['x', 'y'], ja: false, dato: '2027-01-31' };

  test('each reads its own values', () => {
    expect(issues(q, good)).toEqual([]);
    expect(checkAnswer(q, good, true)).toEqual({ ok: true, value: good });
  });

  test('and says in Danish what is wrong, field by field', () => {
    expect(issues(q, { antal: 3.5, beloeb: 1.234, form: 'c', flere: ['x', 'x'], ja: 'ja', dato: '2027-02-30' })).toEqual([
      'antal: Skal være et helt tal',
      'beloeb: Højst 2 decimaler',
      'form: Vælg en af mulighederne',
      'flere: En mulighed er valgt flere gange',
      'ja: Svar ja eller nej',
      'dato: Datoen findes ikke',
    ]);
    expect(issues(q, { ...good, antal: 101, beloeb: -11 })).toEqual(['antal: Højst 100', 'beloeb: Mindst −10']);
    expect(issues(q, { ...good, flere: [] })).toEqual(['flere: Vælg mindst én']);
    expect(issues(q, { antal: 1 })).toEqual([
      'form: Feltet skal udfyldes',
      'flere: Feltet skal udfyldes',
      'ja: Feltet skal udfyldes',
      'dato: Feltet skal udfyldes',
    ]);
    expect(issues(q, { antal: 1 }, false)).toEqual([]);
  });
});

describe('a computed value and conditions', () => {
  const q = one([
    { id: 'budget', kind: 'number', label: 'Budget' },
    { id: 'faktisk', kind: 'number', label: 'Faktisk' },
    { id: 'forskel', kind: 'computed', label: 'Forskel', expr: { op: 'sub', args: [{ ref: 'faktisk' }, { ref: 'budget' }] } },
    {
      id: 'forklaring',
      kind: 'text',
      label: 'Forklaring',
      required: false,
      requiredWhen: { when: { op: 'abs', arg: { ref: 'forskel' } }, is: 'gte', than: 5 },
    },
    { id: 'ekstra', kind: 'text', label: 'Ekstra', shownWhen: { when: { ref: 'budget' }, is: 'gt', than: 100 } },
  ]);

  test('is worked out, never given', () => {
    expect(issues(q, { budget: 10, faktisk: 12, forskel: 2 })).toEqual([': Ukendt nøgle: "forskel"']);
    expect(withComputed(q, { budget: 10, faktisk: 12 })).toEqual({ budget: 10, faktisk: 12, forskel: 2 });
  });

  test('a question is required only when its rule holds, and a hidden one is neither asked nor kept', () => {
    expect(issues(q, { budget: 10, faktisk: 12 })).toEqual([]);
    expect(issues(q, { budget: 10, faktisk: 16 })).toEqual(['forklaring: Feltet skal udfyldes']);
    expect(issues(q, { budget: 10, faktisk: 5 })).toEqual(['forklaring: Feltet skal udfyldes']);
    expect(issues(q, { budget: 200, faktisk: 200 })).toEqual(['ekstra: Feltet skal udfyldes']);
    expect(checkAnswer(q, { budget: 10, faktisk: 10, ekstra: 'skjult' }, true)).toEqual({ ok: true, value: { budget: 10, faktisk: 10 } });
    expect(checkAnswer(q, { budget: 10, ekstra: 'gemt i kladden' }, false)).toEqual({
      ok: true,
      value: { budget: 10, ekstra: 'gemt i kladden' },
    });
  });

  test('arithmetic is exact enough for a rule at its edge, and a rule reads as Danish', () => {
    expect(evaluate({ op: 'sub', args: [{ num: 95.3 }, { num: 90.3 }] }, () => undefined)).toBe(5);
    expect(evaluate({ op: 'div', args: [{ num: 1 }, { num: 0 }] }, () => undefined)).toBeUndefined();
    expect(holds({ when: { ref: 'x' }, is: 'gte', than: 5 }, () => undefined)).toBe(false);
    expect(describeRule({ when: { op: 'abs', arg: { ref: 'forskel' } }, is: 'gte', than: 5 }, () => 'Forskel')).toBe('når |forskel| ≥ 5');
  });
});

describe('a table', () => {
  const row = { navn: 'Bostedet Fyn', maalgruppe: 'handicap', budget: 95, faktisk: 88.5 };
  const explained = { ...row, efterregulering: true, udfordringer: 'Færre visitationer', initiativer: 'Dialog med kommunerne' };

  test('the occupancy round: an offer deviating 5 points or more cannot be submitted without its explanation', () => {
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: [row] })).toEqual([
      'tilbud.0.efterregulering: Feltet skal udfyldes',
      'tilbud.0.udfordringer: Feltet skal udfyldes',
      'tilbud.0.initiativer: Feltet skal udfyldes',
    ]);
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: [explained] })).toEqual([]);
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: [{ ...row, faktisk: 91 }] })).toEqual([]);
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: [] })).toEqual([]);
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: [row] }, false)).toEqual([]);
    const computed = withComputed(OCCUPANCY_QUESTIONNAIRE, { tilbud: [explained] });
    expect((computed.tilbud as { afvigelse: number }[])[0]!.afvigelse).toBe(-6.5);
  });

  test('cells are read by their column’s kind, row by row and column by column', () => {
    expect(
      issues(OCCUPANCY_QUESTIONNAIRE, {
        tilbud: [
          { ...explained, maalgruppe: 'x', budget: 300, afvigelse: 1 },
          { navn: ' ', faktisk: 90.25 },
        ],
      }),
    ).toEqual([
      'tilbud.0: Ukendt nøgle: "afvigelse"',
      'tilbud.0.maalgruppe: Vælg en af mulighederne',
      'tilbud.0.budget: Højst 200',
      'tilbud.1.faktisk: Højst 1 decimal',
      'tilbud.1.navn: Feltet skal udfyldes',
      'tilbud.1.maalgruppe: Feltet skal udfyldes',
      'tilbud.1.budget: Feltet skal udfyldes',
    ]);
    expect(issues(OCCUPANCY_QUESTIONNAIRE, { tilbud: Array.from({ length: 201 }, () => explained) })).toEqual(['tilbud: Højst 200 rækker']);
  });

  test('given rows: one answer row for each', () => {
    const q = one([
      {
        id: 'takster',
        kind: 'table',
        label: 'Takster',
        rows: [
          { id: 'dag', label: 'Døgntakst' },
          { id: 'aften', label: 'Aftentakst' },
        ],
        columns: [{ id: 'kr', kind: 'number', label: 'Kr.', decimals: 2 }],
      },
    ]);
    expect(issues(q, { takster: [{ kr: 1200.5 }] })).toEqual(['takster: Skal have én række for hver af de 2 givne rækker']);
    expect(issues(q, { takster: [{ kr: 1200.5 }, { kr: 800 }] })).toEqual([]);
  });
});

test('a questionnaire’s references must name a question, or a column of the same table, other than itself', () => {
  const bad = questionnaireSchema.safeParse({
    themes: [
      {
        id: 't',
        title: 'T',
        questions: [
          { id: 'a', kind: 'computed', label: 'A', expr: { op: 'add', args: [{ ref: 'a' }, { ref: 'findes-ikke' }] } },
          { id: 'b', kind: 'text', label: 'B', requiredWhen: { when: { ref: 'kolonne' }, is: 'eq', than: 'x' } },
          {
            id: 'c',
            kind: 'table',
            label: 'C',
            columns: [
              { id: 'kolonne', kind: 'number', label: 'K' },
              { id: 'd', kind: 'computed', label: 'D', expr: { op: 'abs', arg: { ref: 'kolonne' } } },
            ],
          },
        ],
      },
    ],
  });
  expect(bad.success).toBe(false);
  expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
    'themes.0.questions.0.expr: "a" kan ikke afhænge af sig selv',
    'themes.0.questions.0.expr: Henviser til "findes-ikke", som ikke findes',
    'themes.0.questions.1.requiredWhen: Henviser til "kolonne", som ikke findes',
  ]);
  expect(questionnaireSchema.safeParse(OCCUPANCY_QUESTIONNAIRE).success).toBe(true);
});
