// The CU's workflow alone, fast: the real workflow code on a time-skipping server of this file's
// own, with in-memory activities (the record in memory, e-mail collected). The full-stack tests in
// test/integration run the same workflows against PostgreSQL and a real SMTP server.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';
import { expect, test } from 'vitest';
import { stepRow, type ApprovalStep } from '../../domain/approval-chain';
import { ASSUMED_DECISION_HOUR, DEFAULT_COUNCIL_DAYS, projectChain } from '../../domain/chain-projection';
import type { ChainMeeting } from '../../domain/meetings';
import { workingDay } from '../../domain/working-days';
import { REGION_COUNCIL } from '../../domain/commands';
import { CENTRAL_NOTICE_PROCESS, type CuProcess } from '../../domain/cu';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate, copenhagenInstant } from '../../domain/time';
import { ADDRESSES, contactActor, contactsFor, DIRECTOR, SECRETARIAT, startCu } from '../../fixtures/round';
import { centralNoticeWorkflow } from '../../workflows';
import * as msg from '../../workflows/central-notice/messages';
import * as shared from '../../workflows/messages';
import { useWorkflowEnv } from '../support/workflow-env';

const CODES = ['0461', '0410', '0420'];
const DAY = 86_400_000;
const world = useWorkflowEnv();

/** A CU registered and launched for CODES with the given chain; its handle and today's date. */
async function launched(
  id: string,
  approvalChain: ApprovalStep[],
  process: CuProcess = CENTRAL_NOTICE_PROCESS,
  meetings: ChainMeeting[] = [],
) {
  const { env, taskQueue } = world();
  const today = copenhagenDate(await env.currentTimeMs());
  const cu = startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 300), process });
  const handle = await env.client.workflow.start(centralNoticeWorkflow, {
    workflowId: cuWorkflowId(id),
    taskQueue,
    args: [{ cu, by: SECRETARIAT }],
  });
  await handle.executeUpdate(msg.registration);
  await handle.executeUpdate(msg.launchRound.update, {
    args: [
      {
        municipalities: CODES,
        deadline: addDays(today, 30),
        contacts: contactsFor(CODES),
        addresses: ADDRESSES,
        baseUrl: 'http://udmeld.test',
        approvalChain,
        meetings,
        by: SECRETARIAT,
      },
    ],
  });
  for (const code of CODES) {
    await env.client.workflow.getHandle(municipalityWorkflowId(id, code)).executeUpdate(shared.submitAnswer.update, {
      args: [{ municipalityCode: code, ref: code.padStart(64, '0'), by: contactActor(code) }],
    });
  }
  await waitFor(async () => (await handle.query(msg.cuProcess)).phase === 'drafting');
  return { handle, today };
}

async function waitFor(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('waited in vain');
}

/** The failure an Update was refused with: its type and the fields it names. */
async function refusal(update: Promise<unknown>): Promise<{ type: string | undefined; paths: string[] }> {
  const error = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure))
    throw new Error(`not refused: ${String(error)}`);
  const issues = (error.cause.details?.[0] ?? []) as { path: string }[];
  return { type: error.cause.type ?? undefined, paths: issues.map((i) => i.path) };
}

test('every step of the chain is asked with its own e-mail, reminded on its own interval, and a return goes back with its remarks; the last step opens the councils', async () => {
  const { env, memory } = world();
  const id = 'hurtig-kaede';
  const { handle, today } = await launched(id, ['fu', 'forum', 'k22', 'kkr']);
  const decide = (step: ApprovalStep, decision: string, more: object = {}) =>
    handle.executeUpdate(msg.recordStepDecision.update, { args: [{ step, decision, by: DIRECTOR, ...more }] });
  const mine = (...templates: Parameters<typeof memory.sent>) => memory.sent(...templates).filter((m) => m.cuId === id);

  expect((await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] })).phase).toBe('fu');
  await waitFor(() => Promise.resolve(mine('approval_request').length === 1));
  expect(mine('approval_request').map((m) => m.data)).toEqual([{ step: 'fu', answered: 3, total: 3 }]);
  await env.sleep(15 * DAY);
  expect(mine('approval_reminder').map((m) => m.data)).toEqual([{ step: 'fu', sentAt: expect.any(String) }]);

  expect((await refusal(decide('fu', 'approved'))).paths).toEqual(['date']);
  expect((await decide('fu', 'approved', { date: today })).phase).toBe('forum');
  await waitFor(() => Promise.resolve(mine('forum_review').length === 1));
  expect(mine('forum_review').map((m) => m.to)).toEqual([['forum']]);
  expect((await refusal(decide('forum', 'returned'))).paths).toEqual(['remarks']);
  expect((await decide('forum', 'returned', { remarks: 'Uddyb koordineringen' })).phase).toBe('drafting');
  await waitFor(() => Promise.resolve(mine('forum_returned').length === 1));
  expect(mine('forum_returned')[0]).toMatchObject({ to: ['secretariat'], data: { step: 'forum', comment: 'Uddyb koordineringen' } });

  await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] });
  await decide('fu', 'approved', { date: today });
  await decide('forum', 'approved');
  expect((await decide('k22', 'approved', { date: today, via: 'email' })).phase).toBe('kkr');
  expect((await refusal(decide('kkr', 'approved', { date: today }))).paths).toEqual(['councilDeadline']);
  expect((await decide('kkr', 'approved_with_remarks', { date: today, councilDeadline: addDays(today, 40) })).phase).toBe('political');
  await waitFor(() => Promise.resolve(mine('council_request').length === CODES.length + 1));

  for (const council of [...CODES, REGION_COUNCIL]) {
    await handle.executeUpdate(msg.recordCouncilDecision.update, {
      args: [{ council, decision: 'approved', date: today, by: SECRETARIAT }],
    });
  }
  await waitFor(async () => (await handle.query(msg.cuProcess)).phase === 'ready');
  await handle.executeUpdate(msg.submitReport.update, { args: [{ by: SECRETARIAT }] });
  expect(await handle.result()).toMatchObject({ cuId: id, outcome: 'submitted' });
  expect(mine('submission')).toHaveLength(1);
  expect(memory.kinds(id).filter((k) => k.endsWith('_decision') && k !== 'council_decision')).toEqual([
    'fu_decision',
    'forum_decision',
    'fu_decision',
    'forum_decision',
    'k22_decision',
    'kkr_decision',
  ]);
});

test('a chain of one step takes that step’s words only, and its return goes back to the secretariat', async () => {
  const { memory } = world();
  const id = 'hurtig-kkr';
  const { handle, today } = await launched(id, ['kkr']);
  const decide = (decision: string, more: object = {}) =>
    handle.executeUpdate(msg.recordStepDecision.update, { args: [{ step: 'kkr', decision, date: today, by: SECRETARIAT, ...more }] });

  expect((await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] })).phase).toBe('kkr');
  const wrongWord = await refusal(decide('returned', { remarks: 'x' }));
  expect(wrongWord).toEqual({ type: 'InvalidInput', paths: ['decision'] });
  expect((await refusal(decide('rejected'))).paths).toEqual(['remarks']);
  expect(
    (
      await refusal(
        handle.executeUpdate(msg.recordStepDecision.update, { args: [{ step: 'fu', decision: 'approved', date: today, by: SECRETARIAT }] }),
      )
    ).type,
  ).toBe('InvalidState');
  expect((await decide('rejected', { remarks: 'Tallene skal opdateres' })).phase).toBe('drafting');
  await waitFor(() => Promise.resolve(memory.sent('approval_returned').some((m) => m.cuId === id)));
  expect(memory.sent('approval_returned').find((m) => m.cuId === id)).toMatchObject({ to: ['secretariat'], data: { step: 'kkr' } });
  await handle.executeUpdate(msg.withdrawCu.update, { args: [{ reason: 'Prøve', by: SECRETARIAT }] });
  expect(await handle.result()).toMatchObject({ outcome: 'withdrawn' });
});

test('an occupancy round’s process: the working group assesses, the forum takes note, and the round ends there — no councils, no submission', async () => {
  const { memory } = world();
  const id = 'hurtig-belaegning';
  const { handle, today } = await launched(id, ['oeg', 'forum'], {
    regionResponds: false,
    approvalChain: ['oeg', 'forum'],
    councils: false,
    submitTo: 'none',
  });
  const decide = (step: ApprovalStep, decision: string, more: object = {}) =>
    handle.executeUpdate(msg.recordStepDecision.update, { args: [{ step, decision, by: SECRETARIAT, ...more }] });

  expect((await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] })).phase).toBe('oeg');
  expect((await decide('oeg', 'approved', { date: today })).phase).toBe('forum');
  expect((await decide('forum', 'noted')).phase).toBe('completed');
  expect(await handle.result()).toEqual({ cuId: id, outcome: 'completed' });
  expect(memory.sent('council_request').filter((m) => m.cuId === id)).toEqual([]);
  expect(memory.sent('submission').filter((m) => m.cuId === id)).toEqual([]);
  expect(memory.kinds(id).filter((k) => k.endsWith('_decision'))).toEqual(['oeg_decision', 'forum_decision']);
});

test('a process with councils but no submission ends when the councils have decided', async () => {
  const id = 'hurtig-uden-indsendelse';
  const { handle, today } = await launched(id, ['forum'], { regionResponds: false, councils: true, submitTo: 'none' });
  await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] });
  await handle.executeUpdate(msg.recordStepDecision.update, {
    args: [{ step: 'forum', decision: 'approved', councilDeadline: addDays(today, 40), by: SECRETARIAT }],
  });
  for (const council of [...CODES, REGION_COUNCIL]) {
    await handle.executeUpdate(msg.recordCouncilDecision.update, {
      args: [{ council, decision: 'approved', date: today, by: SECRETARIAT }],
    });
  }
  expect(await handle.result()).toEqual({ cuId: id, outcome: 'completed' });
});

test('a chain previewed with meeting calendars runs as previewed: each request, agenda reminder and step reminder on the minute the preview said', async () => {
  const { env, memory } = world();
  const id = 'hurtig-moeder';
  const chain: ApprovalStep[] = ['fu', 'forum', 'k22', 'kkr'];
  const today = copenhagenDate(await env.currentTimeMs());
  const meetingOn = (days: number) => workingDay(addDays(today, days), 1);
  // FU and the forum meet; K22 has no calendar (asked, reminded after 14 days, decides that day); KKR meets.
  const meetings: ChainMeeting[] = [
    { body: 'fu', date: meetingOn(20), agendaWorkingDays: 5 },
    { body: 'forum', date: meetingOn(10), agendaWorkingDays: 10 },
    { body: 'forum', date: meetingOn(45), agendaWorkingDays: 10 },
  ];
  // KKR's meeting comes into the calendar after the launch: by signal, as the application sends it.
  const kkr: ChainMeeting = { body: 'kkr', date: meetingOn(100), agendaWorkingDays: 10 };
  const { handle } = await launched(id, chain, CENTRAL_NOTICE_PROCESS, meetings);
  await handle.signal(msg.meetingsChanged, { meetings: [...meetings, kkr] });
  const preview = projectChain({
    askFrom: today,
    draft: false,
    chain,
    meetings: [...meetings, kkr],
    councils: [],
    councilDays: DEFAULT_COUNCIL_DAYS,
    submitTo: 'national_board',
    nationalDeadline: addDays(today, 300),
    regionName: 'Region Syddanmark',
  });
  // The forum's first meeting closes its agenda before FU has decided: the preview takes its second.
  expect(preview.steps.map((s) => [s.step, s.meeting?.date])).toEqual([
    ['fu', meetingOn(20)],
    ['forum', meetingOn(45)],
    ['k22', undefined],
    ['kkr', meetingOn(100)],
  ]);
  await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] });
  for (const s of preview.steps) {
    // Each step decides at noon on the day the preview expects it to.
    await env.sleep(copenhagenInstant(s.decidedOn, ASSUMED_DECISION_HOUR) - (await env.currentTimeMs()));
    await handle.executeUpdate(msg.recordStepDecision.update, {
      args: [
        {
          step: s.step,
          decision: 'approved',
          by: SECRETARIAT,
          ...(stepRow(s.step).dated ? { date: s.decidedOn } : {}),
          ...(s.step === 'kkr' ? { councilDeadline: addDays(s.decidedOn, 40) } : {}),
        },
      ],
    });
  }
  await waitFor(async () => (await handle.query(msg.cuProcess)).phase === 'political');
  const mails = memory.mails.filter((m) => m.cuId === id);
  const requests = mails.filter((m) => m.template === 'approval_request' || m.template === 'forum_review');
  const reminders = mails.filter((m) => ['approval_reminder', 'forum_reminder', 'agenda_deadline'].includes(m.template));
  const at = (kind: string) => preview.events.filter((e) => e.kind === kind);
  expect(requests.map((m) => [m.data, copenhagenDate(Date.parse(m.requestedAt))])).toEqual(
    at('step_request').map((e) => {
      const s = preview.steps.find((x) => x.step === e.step);
      return [expect.objectContaining({ step: e.step, ...(s?.meeting ? { meeting: s.meeting } : {}) }), copenhagenDate(e.at)];
    }),
  );
  const minute = (ms: number) => Math.floor(ms / 60_000);
  expect(reminders.map((m) => [m.template, 'step' in m.data ? m.data.step : '', minute(Date.parse(m.requestedAt))])).toEqual(
    [...at('agenda_reminder'), ...at('step_reminder')]
      .sort((a, b) => a.at - b.at)
      .map((e) => [e.kind === 'agenda_reminder' ? 'agenda_deadline' : 'approval_reminder', e.step, minute(e.at)]),
  );
  expect(at('agenda_reminder')).toHaveLength(3);
  expect(at('step_reminder').map((e) => e.step)).toEqual(['k22']);
});

test('a meeting moved while its step waits: the reminders still ahead follow the new date, none for the old', async () => {
  const { env, memory } = world();
  const id = 'hurtig-flyttet-moede';
  const today = copenhagenDate(await env.currentTimeMs());
  const on = (days: number) => workingDay(addDays(today, days), 1);
  const first: ChainMeeting = { body: 'kkr', date: on(30), agendaWorkingDays: 5 };
  const { handle } = await launched(id, ['kkr'], CENTRAL_NOTICE_PROCESS, [first]);
  await handle.executeUpdate(msg.sendForApproval.update, { args: [{ by: SECRETARIAT }] });
  await env.sleep(2 * DAY);
  const moved: ChainMeeting = { ...first, date: on(50) };
  await handle.signal(msg.meetingsChanged, { meetings: [moved] });
  await env.sleep(60 * DAY);
  const mine = memory.mails.filter((m) => m.cuId === id && (m.template === 'agenda_deadline' || m.template === 'approval_reminder'));
  const dates = mine.map((m) => [m.template, 'meeting' in m.data ? m.data.meeting?.date : undefined]);
  expect(dates[0]).toEqual(['agenda_deadline', on(50)]);
  expect(dates[1]).toEqual(['approval_reminder', on(50)]);
  expect(dates.some(([, date]) => date === on(30))).toBe(false);
  // A signal that is not a calendar changes nothing.
  const anything = defineSignal<[unknown]>(msg.meetingsChanged.name);
  await handle.signal(anything, { meetings: [{ body: 'bestyrelse', date: 'i morgen' }] });
  expect((await handle.query(msg.cuProcess)).phase).toBe('kkr');
});
