// One central notice (CU) from registration to submission of the regional report: the reporting
// round (a child workflow per municipality), the report, the directors' forum, KKR, the councils.
import {
  allHandlersFinished,
  condition,
  setHandler,
  startChild,
  patched,
  upsertMemo,
  upsertSearchAttributes,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  byOnlySchema,
  councilDecisionSchema,
  editCuSchema,
  editReportSchema,
  extendCouncilDeadlineSchema,
  forumDecisionSchema,
  kkrDecisionSchema,
  REGION_COUNCIL,
} from '../domain/commands';
import { launchRoundSchema, SYSTEM, type Actor, type StartCu } from '../domain/cu';
import { municipalityWorkflowId } from '../domain/ids';
import { municipality, REGIONS } from '../domain/municipalities';
import { hardStop, type DueReminder } from '../domain/reminders';
import { CU_MEMO, memoOf } from '../domain/overview';
import { aggregateReport } from '../domain/report';
import { SETTLED, type CouncilState, type CuAck, type CuPhase, type CuState, type CuSummary, type MunicipalityState } from '../domain/state';
import { endOfDay, overdueDays } from '../domain/time';
import { check, parse } from './failures';
import * as msg from './messages';
import { municipalityWorkflow } from './municipality';
import { startOutbox } from './outbox';
import { SA } from './search-attributes';
import { waitForPeople } from './wait-for-people';

export async function centralNoticeWorkflow(input: StartCu): Promise<CuSummary> {
  const now = () => new Date().toISOString();
  const cu = { ...input.cu };
  const state: CuState = {
    cu,
    phase: 'registered',
    createdAt: now(),
    createdBy: input.by,
    ...(input.renewalOf ? { renewalOf: input.renewalOf } : {}),
    municipalities: {},
    forum: { decisions: [], reminders: [] },
    councils: {},
    events: [{ at: now(), type: 'registered', by: input.by }],
    mailFailures: [],
  };
  let changes = 0;
  let closeRequested = false;
  let submitRequestedBy: Actor | undefined;
  const outbox = startOutbox(state.mailFailures, {
    cuTitle: cu.title,
    secretariat: () => state.round?.addresses.secretariat,
    onFailure: () => changes++,
  });
  const sendMail = outbox.send;
  // The pages each role lands on from an e-mail.
  const directorsPage = () => `${state.round!.baseUrl}/oversigt/cu/${cu.id}`;
  const secretariatPage = () => `${state.round!.baseUrl}/sekretariat/cu/${cu.id}`;
  const record = (type: string, by: Actor, note?: string) => {
    state.events.push({ at: now(), type, by, ...(note ? { note } : {}) });
    changes++;
  };
  const enter = (phase: CuPhase, by: Actor, note?: string) => {
    state.phase = phase;
    record(`phase:${phase}`, by, note);
    upsertSearchAttributes([{ key: SA.status, value: phase }]);
  };
  const ack = (): CuAck => ({ cuId: cu.id, phase: state.phase, event: state.events.at(-1)! });
  const inPhase = (...phases: CuPhase[]) => check(phases.includes(state.phase), `Handlingen er ikke mulig i fasen "${state.phase}"`);

  upsertSearchAttributes([
    { key: SA.status, value: state.phase },
    { key: SA.region, value: cu.regionCode },
    { key: SA.cuId, value: cu.id },
    { key: SA.nationalDeadline, value: new Date(endOfDay(cu.nationalDeadline)) },
  ]);

  setHandler(msg.cuStatus, () => state);
  if (patched('overview-memo')) void publishOverview();

  setHandler(
    msg.editCu,
    (command) => {
      const edit = parse(editCuSchema, command);
      Object.assign(cu, edit.cu);
      state.cu = cu;
      record('cu_edited', edit.by);
      upsertSearchAttributes([
        { key: SA.region, value: cu.regionCode },
        { key: SA.nationalDeadline, value: new Date(endOfDay(cu.nationalDeadline)) },
      ]);
      return ack();
    },
    {
      validator: (command) => {
        const edit = parse(editCuSchema, command);
        inPhase('registered');
        check(edit.cu.id === cu.id, 'En central udmeldings id kan ikke ændres');
      },
    },
  );

  setHandler(
    msg.launchRound,
    (command) => {
      const launch = parse(launchRoundSchema, command);
      state.round = {
        launchedAt: now(),
        by: launch.by,
        deadline: launch.deadline,
        reminders: launch.reminders,
        hardStopDaysAfterDeadline: launch.hardStopDaysAfterDeadline,
        councilReminders: launch.councilReminders,
        councilHardStopDaysAfterDeadline: launch.councilHardStopDaysAfterDeadline,
        approvalReminderEveryDays: launch.approvalReminderEveryDays,
        addresses: launch.addresses,
        baseUrl: launch.baseUrl,
        municipalities: launch.municipalities,
        contacts: launch.contacts,
      };
      upsertSearchAttributes([{ key: SA.municipalDeadline, value: new Date(endOfDay(launch.deadline)) }]);
      enter('reporting', launch.by, `${launch.municipalities.length} kommuner, frist ${launch.deadline}`);
      return ack();
    },
    {
      validator: (command) => {
        const launch = parse(launchRoundSchema, command);
        inPhase('registered');
        const foreign = launch.municipalities.filter((code) => municipality(code).regionCode !== cu.regionCode);
        check(foreign.length === 0, `Kommunerne ${foreign.join(', ')} hører ikke til ${REGIONS[cu.regionCode]}`);
        check(launch.deadline <= cu.nationalDeadline, `Kommunernes frist skal ligge før den nationale frist (${cu.nationalDeadline})`);
      },
    },
  );

  setHandler(msg.municipalityChanged, (municipalityState) => {
    if (state.round?.municipalities.includes(municipalityState.code)) {
      state.municipalities[municipalityState.code] = municipalityState;
      changes++;
    }
  });

  setHandler(
    msg.closeReporting,
    (command) => {
      closeRequested = true;
      record('reporting_closed', parse(byOnlySchema, command).by);
      return ack();
    },
    { validator: (command) => (parse(byOnlySchema, command), inPhase('reporting')) },
  );

  setHandler(
    msg.editReport,
    (command) => {
      const { summaries, by } = parse(editReportSchema, command);
      Object.assign(state.report!.summaries, summaries);
      state.report!.edited = { at: now(), by };
      record('report_edited', by, Object.keys(summaries).join(', '));
      return ack();
    },
    {
      validator: (command) => {
        const { summaries } = parse(editReportSchema, command);
        inPhase('drafting');
        const unknown = Object.keys(summaries).filter((id) => !cu.questionnaire.themes.some((t) => t.id === id));
        check(unknown.length === 0, `Ukendte temaer: ${unknown.join(', ')}`);
      },
    },
  );

  setHandler(
    msg.sendToForum,
    (command) => {
      const { by } = parse(byOnlySchema, command);
      state.forum.sentAt = now();
      enter('forum', by);
      return ack();
    },
    { validator: (command) => (parse(byOnlySchema, command), inPhase('drafting')) },
  );

  setHandler(
    msg.recordForumDecision,
    (command) => {
      const { decision, comment, by } = parse(forumDecisionSchema, command);
      state.forum.decisions.push({ decision, comment, at: now(), by });
      if (decision === 'approved') enter('kkr', by);
      else enter('drafting', by, comment);
      return ack();
    },
    { validator: (command) => (parse(forumDecisionSchema, command), inPhase('forum')) },
  );

  setHandler(
    msg.recordKkrDecision,
    (command) => {
      const { decision, date, remarks, councilDeadline, by } = parse(kkrDecisionSchema, command);
      state.kkr = { decision, date, remarks, by, recordedAt: now() };
      if (decision === 'rejected') {
        enter('drafting', by, remarks);
        return ack();
      }
      for (const id of [...state.round!.municipalities, REGION_COUNCIL]) {
        state.councils[id] = {
          id,
          name: id === REGION_COUNCIL ? `Regionsrådet, ${REGIONS[cu.regionCode]}` : `${municipality(id).name} Kommunes kommunalbestyrelse`,
          deadline: councilDeadline!,
          deadlineSetAt: now(),
          status: 'pending',
          reminders: [],
        };
      }
      enter('political', by);
      return ack();
    },
    { validator: (command) => (parse(kkrDecisionSchema, command), inPhase('kkr')) },
  );

  setHandler(
    msg.recordCouncilDecision,
    (command) => {
      const { council, decision, date, remarks, by } = parse(councilDecisionSchema, command);
      Object.assign(state.councils[council]!, { status: decision, date, remarks, by, recordedAt: now() });
      record('council_decision', by, `${council}: ${decision}`);
      return ack();
    },
    {
      validator: (command) => {
        const { council } = parse(councilDecisionSchema, command);
        inPhase('political');
        check(state.councils[council] !== undefined, `${council} er ikke med i den politiske behandling`);
        check(state.councils[council]!.status === 'pending', 'Beslutningen er allerede registreret');
      },
    },
  );

  setHandler(
    msg.extendCouncilDeadline,
    (command) => {
      const { council, deadline, by } = parse(extendCouncilDeadlineSchema, command);
      Object.assign(state.councils[council]!, { deadline, deadlineSetAt: now() });
      record('council_deadline_extended', by, `${council}: ${deadline}`);
      return ack();
    },
    {
      validator: (command) => {
        const { council, deadline } = parse(extendCouncilDeadlineSchema, command);
        inPhase('political');
        const current = state.councils[council];
        check(current?.status === 'pending', `${council} afventer ikke en beslutning`);
        check(deadline > current!.deadline, `Den nye frist skal ligge efter ${current!.deadline}`);
      },
    },
  );

  setHandler(
    msg.submitReport,
    (command) => {
      submitRequestedBy = parse(byOnlySchema, command).by;
      changes++;
      return ack();
    },
    {
      validator: (command) => {
        parse(byOnlySchema, command);
        inPhase('ready');
        check(!submitRequestedBy, 'Rapporten er allerede ved at blive indsendt');
      },
    },
  );

  await condition(() => state.round !== undefined);
  await runReportingRound();
  while (state.phase !== 'submitted') {
    if (state.phase === 'drafting') await condition(() => state.phase !== 'drafting');
    else if (state.phase === 'forum') await awaitForum();
    else if (state.phase === 'kkr') await condition(() => state.phase !== 'kkr');
    else if (state.phase === 'political') await awaitCouncils();
    else if (state.phase === 'ready') await submit();
  }
  await allHandlersFinished();
  await outbox.drained();
  const submission = state.submission!;
  return {
    cuId: cu.id,
    title: cu.title,
    submittedAt: submission.at,
    messageId: submission.messageId,
    answered: state.report!.municipalities.length - state.report!.notAnswered.length,
    notAnswered: state.report!.notAnswered.map((m) => m.code),
    councils: Object.fromEntries(Object.values(state.councils).map((c) => [c.id, c.status])),
    state,
  };

  /** Keeps the memo's overview current: at most one upsert per activation that changed something. */
  async function publishOverview() {
    let published = -1;
    for (;;) {
      await condition(() => changes !== published);
      published = changes;
      upsertMemo({ [CU_MEMO]: memoOf(state) });
    }
  }

  async function runReportingRound() {
    const round = state.round!;
    const children: ChildWorkflowHandle<typeof municipalityWorkflow>[] = [];
    for (const code of round.municipalities) {
      children.push(
        await startChild(municipalityWorkflow, {
          workflowId: municipalityWorkflowId(cu.id, code),
          typedSearchAttributes: [
            { key: SA.cuId, value: cu.id },
            { key: SA.region, value: cu.regionCode },
            { key: SA.municipality, value: code },
            { key: SA.status, value: 'invited' },
            { key: SA.municipalDeadline, value: new Date(endOfDay(round.deadline)) },
          ],
          args: [
            {
              cuId: cu.id,
              cuTitle: cu.title,
              targetGroup: cu.targetGroup,
              questionnaire: cu.questionnaire,
              code,
              deadline: round.deadline,
              reminders: round.reminders,
              hardStopDaysAfterDeadline: round.hardStopDaysAfterDeadline,
              contacts: round.contacts[code]!,
              addresses: round.addresses,
              baseUrl: round.baseUrl,
              launchedBy: round.by,
            },
          ],
        }),
      );
    }
    const settled = () => round.municipalities.every((code) => SETTLED.includes(state.municipalities[code]?.status ?? 'invited'));
    await condition(() => closeRequested || settled());
    await Promise.all(children.map((child) => child.signal(msg.closeRound)));
    const finals: MunicipalityState[] = await Promise.all(children.map((child) => child.result()));
    for (const final of finals) state.municipalities[final.code] = final;
    state.report = aggregateReport(cu.questionnaire, finals, now());
    enter('drafting', SYSTEM, `${finals.filter((f) => f.answer).length} af ${finals.length} kommuner har svaret`);
  }

  async function awaitForum() {
    const round = state.round!;
    const answered = state.report!.municipalities.length - state.report!.notAnswered.length;
    const sentAt = state.forum.sentAt!;
    void sendMail(`forum:${sentAt}`, {
      template: 'forum_review',
      to: [round.addresses.forum],
      data: { cuTitle: cu.title, link: directorsPage(), answered, total: round.municipalities.length },
      access: { role: 'director' },
    });
    const every = round.approvalReminderEveryDays * 86_400_000;
    while (!(await condition(() => state.phase !== 'forum', every))) {
      state.forum.reminders.push({ key: `forum:${sentAt}:${state.forum.reminders.length + 1}`, kind: 'periodic', at: now() });
      changes++;
      void sendMail(state.forum.reminders.at(-1)!.key, {
        template: 'forum_reminder',
        to: [round.addresses.forum],
        data: { cuTitle: cu.title, link: directorsPage(), sentAt },
        access: { role: 'director' },
      });
    }
    const last = state.forum.decisions.at(-1)!;
    if (last.decision === 'returned') {
      void sendMail(`forum-returned:${last.at}`, {
        template: 'forum_returned',
        to: [round.addresses.secretariat],
        data: { cuTitle: cu.title, link: secretariatPage(), comment: last.comment },
      });
    }
  }

  async function awaitCouncils() {
    const round = state.round!;
    const councils = Object.values(state.councils);
    const addressOf = (council: CouncilState) =>
      council.id === REGION_COUNCIL ? [round.addresses.region] : round.contacts[council.id]!.contacts.map((c) => c.email);
    // A municipality's contact may record its own council's decision; the region's goes via the secretariat.
    const linkOf = (council: CouncilState) =>
      council.id === REGION_COUNCIL ? secretariatPage() : `${round.baseUrl}/kommune/${cu.id}/${council.id}`;
    const accessOf = (council: CouncilState) =>
      council.id === REGION_COUNCIL ? {} : { access: { role: 'municipality', cuId: cu.id, municipalityCode: council.id } as const };
    await Promise.all(
      councils.map(async (council) => {
        const to = addressOf(council);
        void sendMail(`council:${council.id}`, {
          template: 'council_request',
          to,
          data: { cuTitle: cu.title, councilName: council.name, deadline: council.deadline, link: linkOf(council) },
          ...accessOf(council),
        });
        const outcome = await waitForPeople({
          done: () => council.status !== 'pending',
          window: () => ({
            deadline: council.deadline,
            plan: round.councilReminders,
            escalate: false,
            plannedSince: Date.parse(council.deadlineSetAt),
            until: hardStop(council.deadline, round.councilHardStopDaysAfterDeadline),
          }),
          sentKeys: () => council.reminders.map((r) => r.key),
          changes: () => changes,
          remind: async (due: DueReminder) => {
            council.reminders.push({ key: due.key, kind: due.kind, at: now(), deadline: due.deadline });
            changes++;
            void sendMail(`council:${council.id}:${due.key}`, {
              template: 'council_reminder',
              to,
              data: {
                cuTitle: cu.title,
                councilName: council.name,
                deadline: council.deadline,
                days: due.kind === 'before' ? due.days : overdueDays(council.deadline, Date.now()),
                overdue: due.kind !== 'before',
                link: linkOf(council),
              },
              ...accessOf(council),
            });
          },
        });
        if (outcome === 'timed_out') {
          council.status = 'no_decision';
          record('council_no_decision', SYSTEM, council.id);
        }
      }),
    );
    enter('ready', SYSTEM);
  }

  async function submit() {
    await condition(() => submitRequestedBy !== undefined);
    const round = state.round!;
    const by = submitRequestedBy!;
    const messageId = await sendMail('submission', {
      template: 'submission',
      to: [round.addresses.nationalBoard],
      cc: [round.addresses.secretariat],
      data: { state: { ...state, municipalities: {}, events: [], round: { ...round, contacts: {} } } },
    });
    if (!messageId) {
      submitRequestedBy = undefined;
      record('submission_failed', by, state.mailFailures.at(-1)?.reason);
      return;
    }
    state.submission = { at: now(), messageId, to: round.addresses.nationalBoard, by };
    enter('submitted', by);
  }
}
