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
