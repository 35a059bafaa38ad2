// The questionnaires of the secretariat's other rounds, as its material describes them (seeds).

import type { Questionnaire } from './questionnaire';

/** "|faktisk − budgetteret| ≥ 5 %-point": the offers whose deviation must be explained. */
const DEVIATES = { when: { op: 'abs' as const, arg: { ref: 'afvigelse' } }, is: 'gte' as const, than: 5 };

/**
 * Half-yearly occupancy (belægningsprocenter), from the directors' forum's item 11 (seed 001): every
 * municipality and the region lists each offer whose actual occupancy deviates 5 percentage points or
 * more from the budgeted; for each, whether the deviation leads to an adjustment that affects the
 * tariff, the challenges, and the initiatives started. The economic working group then assesses.
 */
export const OCCUPANCY_QUESTIONNAIRE: Questionnaire = {
  themes: [
    {
      id: 'belaegning',
      title: 'Tilbud med afvigende belægning',
      questions: [
        {
          id: 'tilbud',
          kind: 'table',
          label: 'Tilbud, hvor den faktiske belægning afviger 5 %-point eller mere fra den budgetterede',
          help: 'Én række pr. tilbud, både ved over- og underbelægning. Har I ingen sådanne tilbud, så lad tabellen stå tom.',
          required: true,
          maxRows: 200,
          columns: [
            { id: 'navn', kind: 'text', label: 'Tilbud', required: true, maxLength: 200 },
            {
              id: 'maalgruppe',
              kind: 'choice',
              label: 'Målgruppe',
              required: true,
              options: [
                { id: 'boern_unge', label: 'Børn og unge' },
                { id: 'handicap', label: 'Voksne med handicap' },
                { id: 'psykiatri', label: 'Voksne med sindslidelse' },
                { id: 'misbrug', label: 'Misbrug' },
                { id: 'hjerneskade', label: 'Hjerneskade' },
                { id: 'andet', label: 'Andet' },
              ],
            },
            { id: 'paragraf', kind: 'text', label: 'Paragraf', required: false, maxLength: 40 },
            { id: 'budget', kind: 'percent', label: 'Budgetteret belægning (%)', required: true, min: 0, max: 200, decimals: 1 },
            { id: 'faktisk', kind: 'percent', label: 'Faktisk belægning (%)', required: true, min: 0, max: 200, decimals: 1 },
            {
              id: 'afvigelse',
              kind: 'computed',
              label: 'Afvigelse (%-point)',
              required: false,
              decimals: 1,
              expr: { op: 'sub', args: [{ ref: 'faktisk' }, { ref: 'budget' }] },
            },
            {
              id: 'efterregulering',
              kind: 'yesno',
              label: 'Medfører afvigelsen en efterregulering, der påvirker taksten?',
              required: false,
              requiredWhen: DEVIATES,
            },
            {
              id: 'udfordringer',
              kind: 'text',
              label: 'Udfordringer med belægningen',
              required: false,
              requiredWhen: DEVIATES,
              maxLength: 2000,
            },
            {
              id: 'initiativer',
              kind: 'text',
              label: 'Igangsatte initiativer som følge af afvigelsen',
              required: false,
              requiredWhen: DEVIATES,
              maxLength: 2000,
            },
          ],
        },
      ],
    },
  ],
};

/** "|ændring| ≥ 5 %": a tariff whose change from last year must be explained. */
const CHANGES = { when: { op: 'abs' as const, arg: { ref: 'aendring' } }, is: 'gte' as const, than: 5 };

/**
 * Tariff reporting (takstindberetning, seed 003's theme day): each offer a municipality or the region
 * runs and sells places in, with last year's and next year's tariff per day; the change is computed,
 * and a change of 5 % or more, up or down, must be explained. Overhead and occupancy behind the new
 * tariff are asked for each offer, since the framework agreement's rules build the tariff from them.
 */
export const TARIFF_QUESTIONNAIRE: Questionnaire = {
  themes: [
    {
      id: 'takster',
      title: 'Takster for det kommende år',
      questions: [
        {
          id: 'tilbud',
          kind: 'table',
          label: 'Tilbud og takster',
          help: 'Én række pr. tilbud eller ydelse, som sælges til andre kommuner. Taksterne er pr. døgn i kroner.',
          required: true,
          maxRows: 200,
          columns: [
            { id: 'navn', kind: 'text', label: 'Tilbud', required: true, maxLength: 200 },
            { id: 'paragraf', kind: 'text', label: 'Paragraf', required: true, maxLength: 40 },
            { id: 'forrige', kind: 'number', label: 'Takst i år (kr. pr. døgn)', required: true, min: 0, max: 1_000_000, decimals: 2 },
            { id: 'ny', kind: 'number', label: 'Takst næste år (kr. pr. døgn)', required: true, min: 0, max: 1_000_000, decimals: 2 },
            {
              id: 'aendring',
              kind: 'computed',
              label: 'Ændring (%)',
              required: false,
              decimals: 1,
              expr: {
                op: 'mul',
                args: [{ op: 'div', args: [{ op: 'sub', args: [{ ref: 'ny' }, { ref: 'forrige' }] }, { ref: 'forrige' }] }, { num: 100 }],
              },
            },
            { id: 'belaegning', kind: 'percent', label: 'Budgetteret belægning (%)', required: true, min: 0, max: 200, decimals: 1 },
            { id: 'overhead', kind: 'percent', label: 'Overhead (%)', required: true, min: 0, max: 100, decimals: 1 },
            { id: 'forklaring', kind: 'text', label: 'Forklaring på ændringen', required: false, requiredWhen: CHANGES, maxLength: 2000 },
          ],
        },
      ],
    },
    {
      id: 'egenbetaling',
      title: 'Borgerens egenbetaling',
      questions: [
        {
          id: 'egenbetaling_aendret',
          kind: 'yesno',
          label: 'Er reglerne for borgernes egenbetaling ændret siden sidste indberetning?',
          required: true,
        },
        {
          id: 'egenbetaling_beskrivelse',
          kind: 'text',
          label: 'Beskriv ændringen',
          required: false,
          shownWhen: { when: { ref: 'egenbetaling_aendret' }, is: 'eq', than: true },
          requiredWhen: { when: { ref: 'egenbetaling_aendret' }, is: 'eq', than: true },
          maxLength: 2000,
        },
      ],
    },
  ],
};

/** Where a new template starts: one theme with one question. */
export const BLANK_QUESTIONNAIRE: Questionnaire = {
  themes: [
    { id: 'tema-1', title: 'Tema 1', questions: [{ id: 'spm-1', kind: 'text', label: 'Spørgsmål 1', required: true, maxLength: 5000 }] },
  ],
};
