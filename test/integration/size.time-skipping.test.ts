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
