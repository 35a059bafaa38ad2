// A round on a worker with the smallest workflow cache (two, for four workflows): nearly every
// workflow task replays the history from the start, as it does after a crash, an eviction under
// load, or a query on a closed workflow. A
// command order that depends on how the SDK groups history into activations fails here; it once
// did (mail sent from a background loop, see workflows/outbox.ts), and only under load.
import { expect, inject, test } from 'vitest';
import { REGION_COUNCIL } from '../../domain/commands';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { dataConverterOf } from '../../config';
import { answerFor, AS_DIRECTOR, AS_SECRETARIAT, asContact, contactOf, launchRound, startCu } from '../../fixtures/round';
import { unreplayable } from '../support/histories';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `uden-cache-${Date.now().toString(36)}`;
const CODES = ['0461', '0410', '0492'];
const { h, smtp } = useSystem({
  smtp: true,
  // The least the SDK takes: 0 loses local activities (sdk-rust#1482).
  configure: (config) => void (config.worker.maxCachedWorkflows = 2),
});

test('every workflow task of a whole round replays from the start without a nondeterminism error', async () => {
  const today = copenhagenDate(Date.now());
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, CODES, addDays(today, 60));
  // Each answer after its invitation went out: the invitation's completion is a task of its own.
  await smtp.waitFor((m) => CODES.every((c) => m.some((x) => x.template === 'invitation' && x.to.includes(contactOf(c)))));
  await new Promise((r) => setTimeout(r, 1000));
  for (const code of CODES.slice(0, 2)) {
    await h.udmeld.saveDraft(CU, code, { values: { antal: 1 } }, asContact(CU, code));
    await h.udmeld.submitAnswer(CU, code, { values: answerFor(code) }, asContact(CU, code));
  }
  await smtp.waitFor((m) => CODES.slice(0, 2).every((c) => m.some((x) => x.template === 'receipt' && x.to.includes(contactOf(c)))));
  await h.udmeld.excuseMunicipality(CU, '0492', { reason: 'Ingen borgere i målgruppen' }, AS_SECRETARIAT);
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => s.phase === 'drafting',
    60_000,
  );

  await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
  await smtp.waitFor((m) => m.some((x) => x.template === 'forum_review'));
  await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR);
  await h.udmeld.recordStepDecision(CU, 'kkr', { decision: 'approved', date: today, councilDeadline: addDays(today, 40) }, AS_SECRETARIAT);
  await smtp.waitFor((m) => m.filter((x) => x.template === 'council_request').length >= CODES.length + 1);
  for (const council of [...CODES, REGION_COUNCIL]) {
    await h.udmeld.recordCouncilDecision(CU, council, { decision: 'approved', date: today }, AS_SECRETARIAT);
  }
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => s.phase === 'ready',
    60_000,
  );
  await h.udmeld.submitReport(CU, AS_SECRETARIAT);
  await h.udmeld.cuHandle(CU).result();
  const record = await h.udmeld.fullCu(CU, AS_SECRETARIAT);
  expect(record.report!.municipalities.filter((m) => m.submittedAt).length).toBe(2);
  expect(record.phase).toBe('submitted');

  const ids = [cuWorkflowId(CU), ...CODES.map((c) => municipalityWorkflowId(CU, c))];
  for (const id of ids) {
    const events = (await h.client.workflow.getHandle(id).fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.workflowTaskFailedEventAttributes).map((e) => e.workflowTaskFailedEventAttributes!.failure?.message),
      id,
    ).toEqual([]);
    // A task lost with its local activities' results would time out (and be retried) instead.
    expect(
      events.filter((e) => e.workflowTaskTimedOutEventAttributes),
      id,
    ).toEqual([]);
  }
  expect(
    await unreplayable(h.client, ids, {
      workflowBundle: { codePath: inject('workflowBundlePath') },
      dataConverter: dataConverterOf(h.config),
    }),
  ).toEqual([]);
}, 240_000);
