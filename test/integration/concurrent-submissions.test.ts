// Two contacts of one municipality submit at the same moment: one answer wins whole, the other gets
// a clear conflict, nothing is merged.
import { expect, test } from 'vitest';
import { UdmeldError } from '../../domain/errors';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, AS_SECRETARIAT, asContact, contactActor, launchRound, startCu } from '../../fixtures/round';
import { useSystem } from '../support/system';

const { h } = useSystem();

test('of two simultaneous submissions exactly one is accepted, unmerged', async () => {
  const cuId = `samtidig-${Date.now().toString(36)}`;
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 100) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, cuId, ['0461', '0410'], addDays(today, 30));
  const first = { ...answerFor('0461'), antal: 7, koordinering: 'Svar fra kontaktperson A' };
  const second = { ...answerFor('0461'), antal: 9, fremadrettet: 'Svar fra kontaktperson B' };
  const results = await Promise.allSettled(
    [first, second].map((values, i) =>
      h.udmeld.submitAnswer(
        cuId,
        '0461',
        { values },
        { ...asContact(cuId, '0461'), actor: { ...contactActor('0461'), name: `Kontakt ${i}` } },
      ),
    ),
  );
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0]!.reason).toBeInstanceOf(UdmeldError);
  expect((lost[0]!.reason as UdmeldError).kind).toBe('invalid_state');
  expect((lost[0]!.reason as UdmeldError).message).toContain('allerede indsendt');

  const stored = (await h.udmeld.municipality(cuId, '0461', AS_SECRETARIAT)).answer!;
  const winner = results[0]!.status === 'fulfilled' ? first : second;
  expect(stored.version).toBe(1);
  expect(stored.values).toEqual(winner);
});
