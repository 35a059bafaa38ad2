// Temporal's limits by design: a round of Syddanmark's 22 and of Hovedstaden's 29 municipalities,
// every free text 10,000 characters and 20 services each, runs to submission, and no payload in any
// history comes near Temporal's 512 KB warning (the CU carries rows and references, never answers).
import { expect, inject, test } from 'vitest';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { municipalitiesOfRegion } from '../../domain/municipalities';
import { DEFAULT_QUESTIONNAIRE } from '../../domain/questionnaire';
import { addDays, copenhagenDate } from '../../domain/time';
import { historyReader, PAYLOAD_WARNING_BYTES, type HistorySize } from '../../scripts/history-size';
import { approveAndSubmit } from '../../bench/drive';
import { AS_SECRETARIAT, asContact, launchRound, startCu } from '../../fixtures/round';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const LONG = 10_000;
const questionnaire = {
  themes: DEFAULT_QUESTIONNAIRE.themes.map((t) => ({
    ...t,
    questions: t.questions.map((q) => (q.kind === 'text' ? { ...q, maxLength: LONG } : q)),
  })),
};
const longText = (code: string, what: string) => `${what} i kommune ${code}. `.padEnd(LONG, 'Lorem ipsum dolor sit amet. ');
const longAnswer = (code: string) => ({
  antal: Number(code) % 11,
  identifikation: longText(code, 'Identifikation'),
  tilbud: Array.from({ length: 20 }, (_, i) => ({
    offer: `Tilbud nr. ${i + 1} med et langt navn`,
    provider: 'region',
    providerName: 'Region Hovedstaden',
    legalBasis: 'SEL § 107',
    places: i + 1,
  })),
  udfordringer: longText(code, 'Udfordringer'),
  koordinering: longText(code, 'Koordinering'),
  fremadrettet: longText(code, 'Fremadrettet'),
});

const { h, env } = useSystem({ timeSkipping: 'second' });

test.each([
  ['Syddanmark', '1083'],
  ['Hovedstaden', '1084'],
] as const)(
  '%s: every municipality with 10,000-character answers, no payload near 512 KB, the CU history stays small',
  async (name, region) => {
    const codes = municipalitiesOfRegion(region);
    const cuId = `${name.toLowerCase()}-lange-svar`;
    const today = copenhagenDate(await env.currentTimeMs());
    await h.udmeld.registerCu(
      startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300), regionCode: region, questionnaire }),
      AS_SECRETARIAT,
    );
    await launchRound(h.udmeld, cuId, codes, addDays(today, 60));
    for (const code of codes) {
      await h.udmeld.submitAnswer(cuId, code, { values: longAnswer(code) }, asContact(cuId, code));
    }
    await eventually(
      () => h.udmeld.fullCu(cuId, AS_SECRETARIAT, { answers: false }),
      (s) => s.phase === 'drafting',
      60_000,
    );
    await approveAndSubmit(h.udmeld, cuId, codes, today);
    await h.udmeld.cuHandle(cuId).result();

    const record = await h.udmeld.fullCu(cuId, AS_SECRETARIAT);
    expect(record.phase).toBe('submitted');
    expect(record.report!.texts.find((t) => t.questionId === 'koordinering')!.entries).toHaveLength(codes.length);
    expect((record.municipalities[codes[0]!]!.answer!.values.koordinering as string).length).toBe(LONG);

    const reader = await historyReader({ address: inject('secondTimeSkippingAddress') });
    try {
      const sizes: Record<string, HistorySize> = { [cuWorkflowId(cuId)]: await reader.size(cuWorkflowId(cuId)) };
      for (const code of codes) sizes[municipalityWorkflowId(cuId, code)] = await reader.size(municipalityWorkflowId(cuId, code));
      for (const [workflowId, size] of Object.entries(sizes)) expect(size.largestPayload, workflowId).toBeLessThan(PAYLOAD_WARNING_BYTES);
      const cu = sizes[cuWorkflowId(cuId)]!;
      // Tens of KB whatever the answers hold: a child's input carries the questionnaire, never an answer.
      expect(cu.largestPayload).toBeLessThan(64 * 1024);
      expect(cu.bytes).toBeLessThan(2 * 1024 * 1024);
      console.log(
        `[size] ${codes.length} municipalities, CU: ${cu.events} events, ${cu.bytes} bytes, largest payload ${cu.largestPayload} bytes; a municipality: ${JSON.stringify(sizes[municipalityWorkflowId(cuId, codes[0]!)])}`,
      );
    } finally {
      await reader.close();
    }
  },
  300_000,
);

// A table of 200 rows × 10 columns from every respondent: the answers are stored before the Update
// and the Update carries a reference, so no payload grows with them.
const TABLE_COLUMNS = 10;
const tableQuestionnaire = {
  themes: [
    {
      id: 'tabel',
      title: 'Tabel',
      questions: [
        {
          id: 'tilbud',
          kind: 'table' as const,
          label: 'Tilbud',
          required: true,
          maxRows: 200,
          columns: Array.from({ length: TABLE_COLUMNS }, (_, i) => ({
            id: `k${i}`,
            kind: 'text' as const,
            label: `Kolonne ${i + 1}`,
            required: true,
            maxLength: 500,
          })),
        },
      ],
    },
  ],
};
const tableAnswer = (code: string) => ({
  tilbud: Array.from({ length: 200 }, (_, r) =>
    Object.fromEntries(
      Array.from({ length: TABLE_COLUMNS }, (_, c) => [`k${c}`, `Kommune ${code}, række ${r + 1}, kolonne ${c + 1}. `.padEnd(200, '·')]),
    ),
  ),
});

test('Hovedstaden with a 200 × 10 table of 200-character cells from every municipality and the region: no answer in any payload', async () => {
  // The largest round there can be: a region's 29 municipalities and the region itself.
  const codes = [...municipalitiesOfRegion('1084'), '1084'];
  const cuId = 'hovedstaden-tabel';
  const today = copenhagenDate(await env.currentTimeMs());
  await h.udmeld.registerCu(
    startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 300), regionCode: '1084', questionnaire: tableQuestionnaire }),
    AS_SECRETARIAT,
  );
  await launchRound(h.udmeld, cuId, codes, addDays(today, 60));
  const answerBytes = JSON.stringify(tableAnswer(codes[0]!)).length;
  for (const code of codes) {
    await h.udmeld.saveDraft(cuId, code, { values: tableAnswer(code) }, asContact(cuId, code));
    await h.udmeld.submitAnswer(cuId, code, { values: tableAnswer(code) }, asContact(cuId, code));
  }
  const drafted = await eventually(
    () => h.udmeld.fullCu(cuId, AS_SECRETARIAT),
    (s) => s.phase === 'drafting',
    60_000,
  );
  expect(drafted.report!.tables[0]!.rows).toHaveLength(200 * codes.length);
  const reader = await historyReader({ address: inject('secondTimeSkippingAddress') });
  try {
    let largest = 0;
    for (const code of codes) largest = Math.max(largest, (await reader.size(municipalityWorkflowId(cuId, code))).largestPayload);
    const cu = await reader.size(cuWorkflowId(cuId));
    // Each answer is ~400 KB; no payload holds one.
    expect(answerBytes).toBeGreaterThan(350_000);
    expect(largest).toBeLessThan(16 * 1024);
    expect(cu.largestPayload).toBeLessThan(64 * 1024);
    console.log(
      `[size] table round, ${codes.length} respondents × ${answerBytes} bytes of answer: largest municipality payload ${largest} bytes; CU ${cu.events} events, ${cu.bytes} bytes, largest payload ${cu.largestPayload} bytes`,
    );
  } finally {
    await reader.close();
  }
}, 300_000);
