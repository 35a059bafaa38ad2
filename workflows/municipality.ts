// One municipality's part of a reporting round: invitation, drafts, submission, reminders,
// escalation, extension, revision, excuse and the hard stop. Reports every change to its CU.
import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { answerValuesSchema, type AnswerValues } from '../domain/answer';
import { answerCommandSchema, excuseSchema, extendDeadlineSchema, requestRevisionSchema } from '../domain/commands';
import { SYSTEM, type Actor } from '../domain/cu';
import { municipality } from '../domain/municipalities';
import { hardStop, type DueReminder } from '../domain/reminders';
import type { MunicipalityInput, MunicipalityState, MunicipalityView } from '../domain/state';
import { endOfDay, overdueDays } from '../domain/time';
import { check, invalidInput, parse } from './failures';
import { startOutbox } from './outbox';
import * as msg from './messages';
import { SA } from './search-attributes';
import { waitForPeople } from './wait-for-people';

const AWAITING = ['invited', 'draft', 'revision_requested'] as const;

export async function municipalityWorkflow(input: MunicipalityInput): Promise<MunicipalityState> {
  const now = () => new Date().toISOString();
  const state: MunicipalityState = {
    cuId: input.cuId,
    code: input.code,
    name: municipality(input.code).name,
    status: 'invited',
    deadline: input.deadline,
    deadlineSetAt: now(),
    hardStopAt: new Date(hardStop(input.deadline, input.hardStopDaysAfterDeadline)).toISOString(),
    reminders: [],
    mailFailures: [],
    events: [{ at: now(), type: 'invited', by: input.launchedBy }],
    closed: false,
  };
  let draft: MunicipalityView['draft'];
  let changes = 0;
  let closing = false;
  const link = `${input.baseUrl}/kommune/${input.cuId}/${input.code}`;
  const common = { cuTitle: input.cuTitle, municipalityName: state.name, link };
  const contacts = input.contacts.contacts.map((c) => c.email);

  const awaiting = () => (AWAITING as readonly string[]).includes(state.status);
  const open = () => !closing && state.status !== 'excused' && state.status !== 'not_submitted';
  const view = (): MunicipalityView => ({ ...state, cuTitle: input.cuTitle, questionnaire: input.questionnaire, draft });
  const changed = (type: string, by: Actor, note?: string) => {
    state.events.push({ at: now(), type, by, ...(note ? { note } : {}) });
    changes++;
  };
  const outbox = startOutbox(state.mailFailures, {
    cuTitle: input.cuTitle,
    secretariat: () => input.addresses.secretariat,
    onFailure: () => changes++,
  });
  const access = { role: 'municipality', cuId: input.cuId, municipalityCode: input.code } as const;
  const sendMail: (...args: Parameters<typeof outbox.send>) => void = (key, draft) => void outbox.send(key, { ...draft, access });
  const answerSchemas = { draft: answerValuesSchema(input.questionnaire, false), final: answerValuesSchema(input.questionnaire, true) };
  const validAnswer = (command: unknown, complete: boolean): { values: AnswerValues; by: Actor } => {
    const { municipalityCode, values, by } = parse(answerCommandSchema, command);
    if (municipalityCode !== input.code) {
      throw invalidInput([{ path: 'municipalityCode', message: `Svaret er til kommune ${municipalityCode}, men indberetningen er for ${input.code}` }]);
    }
    return { values: parse(complete ? answerSchemas.final : answerSchemas.draft, values, 'values'), by };
  };

  setHandler(msg.municipalityStatus, view);

  setHandler(
    msg.saveDraft,
    (command) => {
      const { values, by } = validAnswer(command, false);
      draft = { values, savedAt: now(), by };
      state.draftSavedAt = draft.savedAt;
      if (state.status === 'invited') state.status = 'draft';
      changed('draft_saved', by);
      return state;
    },
    {
      validator: (command) => {
        check(open() && awaiting(), 'Der kan ikke gemmes en kladde nu: svaret er allerede indsendt, eller indberetningen er lukket');
        validAnswer(command, false);
      },
    },
  );

  setHandler(
    msg.submitAnswer,
    (command) => {
      const { values, by } = validAnswer(command, true);
      const version = (state.answer?.version ?? 0) + 1;
      state.answer = { values, submittedAt: now(), by, version };
      state.status = 'submitted';
      state.revision = undefined;
      draft = undefined;
      state.draftSavedAt = undefined;
      changed(version > 1 ? 'resubmitted' : 'submitted', by);
      sendMail(`receipt:${version}`, { template: 'receipt', to: contacts, data: { ...common, submittedAt: state.answer.submittedAt, version } });
      return state;
    },
    {
      validator: (command) => {
        check(open(), 'Indberetningen er lukket');
        check(awaiting(), 'Svaret er allerede indsendt; sekretariatet kan bede om en revision');
        validAnswer(command, true);
      },
    },
  );

  setHandler(
    msg.extendDeadline,
    (command) => {
      const { deadline, reason, by } = parse(extendDeadlineSchema, command);
      state.deadline = deadline;
      state.deadlineSetAt = now();
      state.hardStopAt = new Date(hardStop(deadline, input.hardStopDaysAfterDeadline)).toISOString();
      if (state.status === 'not_submitted') state.status = draft ? 'draft' : 'invited';
      changed('deadline_extended', by, `${deadline}${reason ? `: ${reason}` : ''}`);
      sendMail(`extended:${deadline}`, { template: 'deadline_extended', to: contacts, data: { ...common, deadline } });
      return state;
    },
    {
      validator: (command) => {
        const { deadline } = parse(extendDeadlineSchema, command);
        check(!closing && state.status !== 'excused', 'Indberetningen er lukket');
        check(deadline > state.deadline, `Den nye frist skal ligge efter den nuværende (${state.deadline})`);
      },
    },
  );

  setHandler(
    msg.requestRevision,
    (command) => {
      const { comment, deadline, by } = parse(requestRevisionSchema, command);
      if (deadline) {
        state.deadline = deadline;
        state.hardStopAt = new Date(hardStop(deadline, input.hardStopDaysAfterDeadline)).toISOString();
      }
      state.deadlineSetAt = now();
      state.status = 'revision_requested';
      state.revision = { comment, requestedAt: state.deadlineSetAt, by };
      changed('revision_requested', by);
      sendMail(`revision:${state.answer?.version}`, {
        template: 'revision_requested',
        to: contacts,
        data: { ...common, comment, deadline: state.deadline },
      });
      return state;
    },
    {
      validator: (command) => {
        const { deadline } = parse(requestRevisionSchema, command);
        check(open() && state.status === 'submitted', 'Der kan kun bedes om revision af et indsendt svar i en åben indberetning');
        check(!deadline || deadline >= state.deadline, 'En ny frist kan ikke ligge før den nuværende');
      },
    },
  );

  setHandler(
    msg.excuseMunicipality,
    (command) => {
      const { reason, by } = parse(excuseSchema, command);
      state.status = 'excused';
      state.excuse = { reason, at: now(), by };
      changed('excused', by);
      sendMail('excused', { template: 'excused', to: contacts, data: { ...common, reason } });
      return state;
    },
    {
      validator: (command) => {
        parse(excuseSchema, command);
        check(open() && awaiting(), 'Kun en kommune, der endnu ikke har indsendt, kan fritages');
      },
    },
  );

  setHandler(msg.closeRound, () => {
    closing = true;
    changes++;
  });

  const remind = async (due: DueReminder): Promise<void> => {
    state.reminders.push({ key: due.key, kind: due.kind, at: now(), deadline: due.deadline });
    changes++;
    const deadline = state.deadline;
    if (due.kind === 'before') {
      sendMail(due.key, { template: 'reminder', to: contacts, data: { ...common, deadline, daysLeft: due.days } });
    } else if (due.kind === 'escalation') {
      const days = overdueDays(deadline, Date.now());
      sendMail(due.key, { template: 'escalation', to: [input.contacts.directorEmail], cc: contacts, data: { ...common, deadline, overdueDays: days } });
    } else {
      sendMail(due.key, { template: 'overdue', to: contacts, data: { ...common, deadline, overdueDays: overdueDays(deadline, Date.now()) } });
    }
  };

  const syncWithCu = startSyncWithCu(state, () => changes);
  sendMail('invitation', { template: 'invitation', to: contacts, data: { ...common, deadline: state.deadline, targetGroup: input.targetGroup } });

  while (!closing) {
    if (open() && awaiting()) {
      const outcome = await waitForPeople({
        done: () => closing || !awaiting(),
        window: () => ({
          deadline: state.deadline,
          plan: input.reminders,
          escalate: true,
          plannedSince: Date.parse(state.deadlineSetAt),
          until: Date.parse(state.hardStopAt),
        }),
        sentKeys: () => state.reminders.map((r) => r.key),
        changes: () => changes,
        remind,
      });
      if (outcome === 'timed_out') settleUnanswered('hard_stop');
    } else {
      await condition(() => closing || (open() && awaiting()));
    }
  }
  if (awaiting()) settleUnanswered('closed');
  state.closed = true;
  changes++;
  await allHandlersFinished();
  await outbox.drained();
  await syncWithCu();
  return state;

  /** Keeps a submitted answer when a revision never came back; otherwise records "not submitted". */
  function settleUnanswered(why: 'hard_stop' | 'closed') {
    state.status = state.answer ? 'submitted' : 'not_submitted';
    changed(state.answer ? 'revision_not_received' : 'not_submitted', SYSTEM, why === 'hard_stop' ? 'Fristen for indberetning er endeligt udløbet' : 'Indberetningen blev lukket');
  }

  function startSyncWithCu(current: MunicipalityState, version: () => number): () => Promise<void> {
    const parent = workflowInfo().parent;
    let synced = -1;
    const loop = (async () => {
      for (;;) {
        await condition(() => version() !== synced);
        synced = version();
        const snapshot: MunicipalityState = JSON.parse(JSON.stringify(current));
        upsertSearchAttributes([
          { key: SA.status, value: snapshot.status },
          { key: SA.municipalDeadline, value: new Date(endOfDay(snapshot.deadline)) },
        ]);
        if (parent) await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(msg.municipalityChanged, snapshot);
        if (snapshot.closed) return;
      }
    })();
    return () => loop;
  }
}
