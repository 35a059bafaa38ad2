// One municipality's part of a reporting round: invitation, drafts, submission, reminders,
// escalation, extension, revision, excuse and the hard stop. It decides; the record keeps the
// answers and events; its CU hears from the one whose write settles the last of the round.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM, type Actor } from '../domain/actors';
import type { ReminderPlan } from '../domain/cu';
import { readAnswerCommand } from '../domain/municipality-commands';
import {
  allowed,
  AWAITING,
  MUNICIPALITY_MOVES,
  type MunicipalityCommand,
  type MunicipalityRow,
  type MunicipalityStatus,
} from '../domain/municipality-process';
import type { EventKind, Fact, MunicipalitySnapshot } from '../domain/record';
import { hardStop, type DueReminder } from '../domain/reminders';
import { daysLeft, overdueDays, type IsoDate } from '../domain/time';
import { onCommand } from './commands';
import { check, invalidInput, valid } from './failures';
import { journal } from './journal';
import * as msg from './messages';
import { outbox } from './outbox';
import { SA } from './search-attributes';
import { waitForPeople } from './wait-for-people';

/** Who a round-wide extension reaches: those still owing an answer, and those closed as not submitted. */
const OWES_AN_ANSWER: readonly MunicipalityStatus[] = [...AWAITING, 'not_submitted'];

export interface MunicipalityInput {
  cuId: string;
  code: string;
  deadline: IsoDate;
  reminders: ReminderPlan;
  hardStopDaysAfterDeadline: number;
  /** A municipality re-opened after the round closed (where it stands, and why it is opened), or, with
   * `restart`, its workflow started again mid-round from the record, running on as the lost one would. */
  resume?: { reopening: number; status: MunicipalityStatus; answerVersion: number; reason: string; by: Actor; restart?: true };
}

/** A re-opened run's record numbers start above every earlier run's. */
const SEQ_PER_RUN = 100_000;

export async function municipalityWorkflow(input: MunicipalityInput): Promise<MunicipalityRow> {
  const { cuId, code } = input;
  const { resume } = input;
  const run = resume
    ? { name: `${resume.restart ? 'genstartet' : 'genaabnet'}-${resume.reopening}`, firstSeq: resume.reopening * SEQ_PER_RUN }
    : undefined;
  const reopened = resume && !resume.restart ? resume : undefined;
  const log = journal(cuId, code, run);
  const mail = outbox(cuId, code, run?.name);
  const state: MunicipalitySnapshot = {
    status: resume?.status ?? 'invited',
    deadline: input.deadline,
    deadlineSetAt: new Date().toISOString(),
    hardStopAt: new Date(hardStop(input.deadline, input.hardStopDaysAfterDeadline)).toISOString(),
    answerVersion: resume?.answerVersion ?? 0,
    closed: false,
  };
  let closing = false;
  const sent = new Set<string>();
  const row = (): MunicipalityRow => ({
    code,
    status: state.status,
    deadline: state.deadline,
    answerVersion: state.answerVersion,
    closed: state.closed,
  });
  const awaiting = () => !closing && AWAITING.includes(state.status);
  const may = (command: MunicipalityCommand) =>
    check(
      !closing && allowed(command, state.status, state.closed),
      closing ? 'Indberetningen er lukket' : MUNICIPALITY_MOVES[command].refused,
    );

  /** Moves to a new state and writes it, with its event, to the record; answers once written. */
  const change = async (kind: EventKind, by: Actor, to: Partial<MunicipalitySnapshot>, extra: { note?: string; facts?: Fact[] } = {}) => {
    const before = state.status;
    Object.assign(state, to);
    if (state.status !== before) upsertSearchAttributes([{ key: SA.status, value: state.status }]);
    const { at, roundSettled } = await log.write({
      kind,
      by,
      ...(extra.note ? { note: extra.note } : {}),
      facts: [...(extra.facts ?? []), { type: 'municipality', snapshot: { ...state } }],
    });
    const parent = workflowInfo().parent;
    // Not awaited: the answer does not wait for the CU; a CU already closed has nothing to hear.
    if (roundSettled && parent)
      void getExternalWorkflowHandle(parent.workflowId, parent.runId)
        .signal(msg.roundSettled)
        .catch(() => undefined);
    return { cuId, code, status: state.status, deadline: state.deadline, answerVersion: state.answerVersion, event: { kind, at } };
  };

  const extend = async (deadline: IsoDate, reason: string, by: Actor) => {
    const reopened: MunicipalityStatus | undefined = state.status === 'not_submitted' ? 'invited' : undefined;
    const ack = await change(
      'deadline_extended',
      by,
      { ...newDeadline(deadline), ...(reopened ? { status: reopened } : {}) },
      { note: `${deadline}${reason ? `: ${reason}` : ''}` },
    );
    void mail.send(`extended:${deadline}`, { template: 'deadline_extended', to: ['contacts'], data: { deadline } });
    return ack;
  };

  const answerOf = (command: unknown) => {
    const { municipalityCode, ref, by } = valid(readAnswerCommand(command));
    if (municipalityCode !== code) {
      throw invalidInput([
        { path: 'municipalityCode', message: `Svaret er til kommune ${municipalityCode}, men indberetningen er for ${code}` },
      ]);
    }
    return { ref, by };
  };

  setHandler(msg.municipalityProcess, row);

  onCommand(msg.saveDraft, {
    parse: answerOf,
    check: () => may('saveDraft'),
    run: ({ ref, by }) =>
      change('draft_saved', by, { status: state.status === 'invited' ? 'draft' : state.status }, { facts: [{ type: 'draft', ref }] }),
  });

  onCommand(msg.submitAnswer, {
    parse: answerOf,
    check: () => may('submitAnswer'),
    run: async ({ ref, by }) => {
      const version = state.answerVersion + 1;
      const ack = await change(
        version > 1 ? 'resubmitted' : 'submitted',
        by,
        { status: 'submitted', answerVersion: version },
        {
          facts: [
            { type: 'answer', version, ref },
            { type: 'draft', ref: null },
          ],
        },
      );
      // Keyed by the moment too: after a restore, the same version submitted again is a new submission with a receipt of its own.
      void mail.send(`receipt:${version}:${ack.event.at}`, {
        template: 'receipt',
        to: ['contacts'],
        data: { submittedAt: ack.event.at, version },
      });
      return ack;
    },
  });

  onCommand(msg.extendDeadline, {
    check: ({ deadline }) => {
      may('extendDeadline');
      check(deadline > state.deadline, `Den nye frist skal ligge efter den nuværende (${state.deadline})`);
    },
    run: ({ deadline, reason, by }) => extend(deadline, reason, by),
  });

  // The whole round extended by the secretariat: only a municipality that still owes an answer moves.
  setHandler(msg.roundExtended, async ({ deadline, reason, by }) => {
    if (closing || state.closed || !OWES_AN_ANSWER.includes(state.status) || deadline <= state.deadline) return;
    await extend(deadline, `Hele indberetningen: ${reason}`, by);
  });

  onCommand(msg.requestRevision, {
    check: ({ deadline }) => {
      may('requestRevision');
      check(!deadline || deadline >= state.deadline, 'En ny frist kan ikke ligge før den nuværende');
    },
    run: async ({ comment, deadline, by }) => {
      const ack = await change(
        'revision_requested',
        by,
        { status: 'revision_requested', ...newDeadline(deadline ?? state.deadline) },
        { note: comment },
      );
      void mail.send(`revision:${state.answerVersion}:${ack.event.at}`, {
        template: 'revision_requested',
        to: ['contacts'],
        data: { comment, deadline: state.deadline },
      });
      return ack;
    },
  });

  onCommand(msg.excuseMunicipality, {
    check: () => may('excuseMunicipality'),
    run: async ({ reason, by }) => {
      const ack = await change('excused', by, { status: 'excused' }, { note: reason });
      void mail.send('excused', { template: 'excused', to: ['contacts'], data: { reason } });
      return ack;
    },
  });

  // New contacts mid-round get the invitation (only they: the others have theirs).
  let invited = 0;
  setHandler(msg.contactsChanged, ({ addresses }) => {
    if (closing || state.closed || addresses.length === 0) return;
    invited += 1;
    void mail.send(`invitation:added:${invited}`, {
      template: 'invitation',
      to: ['contacts'],
      data: { deadline: state.deadline },
      only: addresses,
    });
  });

  // Sent again by hand: the invitation, or a reminder saying where the deadline stands today.
  setHandler(msg.resendMail, ({ what, n }) => {
    if (closing || state.closed) return;
    const deadline = state.deadline;
    const now = Date.now();
    if (what === 'invitation') void mail.send(`resend:${n}`, { template: 'invitation', to: ['contacts'], data: { deadline } });
    else if (overdueDays(deadline, now) > 0)
      void mail.send(`resend:${n}`, { template: 'overdue', to: ['contacts'], data: { deadline, overdueDays: overdueDays(deadline, now) } });
    else void mail.send(`resend:${n}`, { template: 'reminder', to: ['contacts'], data: { deadline, daysLeft: daysLeft(deadline, now) } });
  });

  // The round cancelled: the contacts are told, and the part ends as it stands, closed.
  let cancelled: string | undefined;
  setHandler(msg.roundCancelled, ({ reason }) => {
    if (state.closed) return;
    cancelled = reason;
    closing = true;
    void mail.send('cancelled', { template: 'round_cancelled', to: ['contacts'], data: { reason } });
  });

  setHandler(msg.closeRound, () => void (closing = true));

  const remind = (due: DueReminder): void => {
    sent.add(due.key);
    const deadline = state.deadline;
    const reminder = due.key;
    if (due.kind === 'before') {
      void mail.send(due.key, { template: 'reminder', to: ['contacts'], data: { deadline, daysLeft: due.days }, reminder });
    } else if (due.kind === 'escalation') {
      void mail.send(due.key, {
        template: 'escalation',
        to: ['director'],
        cc: ['contacts'],
        data: { deadline, overdueDays: overdueDays(deadline, Date.now()) },
        reminder,
      });
    } else {
      void mail.send(due.key, {
        template: 'overdue',
        to: ['contacts'],
        data: { deadline, overdueDays: overdueDays(deadline, Date.now()) },
        reminder,
      });
    }
  };

  if (reopened) {
    // Open again in the record (its new deadline, not closed), and the contacts are told why.
    await change(
      'deadline_extended',
      reopened.by,
      { ...newDeadline(state.deadline) },
      { note: `${state.deadline}: Genåbnet: ${reopened.reason}` },
    );
    void mail.send('reopened', { template: 'reopened', to: ['contacts'], data: { deadline: state.deadline, reason: reopened.reason } });
  } else if (!resume) {
    void mail.send('invitation', { template: 'invitation', to: ['contacts'], data: { deadline: state.deadline } });
  }

  // A re-opened run ends as soon as the municipality has settled again; the CU then re-aggregates.
  while (!closing && !(reopened && !awaiting())) {
    if (awaiting()) {
      const outcome = await waitForPeople({
        done: () => !awaiting(),
        window: () => ({
          deadline: state.deadline,
          plan: input.reminders,
          escalate: true,
          plannedSince: Date.parse(state.deadlineSetAt),
          until: Date.parse(state.hardStopAt),
        }),
        sent,
        remind,
      });
      if (outcome === 'timed_out') await settleUnanswered('Fristen for indberetning er endeligt udløbet');
    } else {
      await condition(() => awaiting() || closing);
    }
  }
  await condition(allHandlersFinished);
  // An answer still owed is settled in the record; a settled one is marked closed by the CU's report.
  if (cancelled !== undefined) await change('round_cancelled', SYSTEM, { closed: true }, { note: cancelled });
  else if (AWAITING.includes(state.status)) await settleUnanswered('Indberetningen blev lukket', true);
  else state.closed = true;
  await mail.drained();
  return row();

  function newDeadline(deadline: IsoDate): Pick<MunicipalitySnapshot, 'deadline' | 'deadlineSetAt' | 'hardStopAt'> {
    return {
      deadline,
      deadlineSetAt: new Date().toISOString(),
      hardStopAt: new Date(hardStop(deadline, input.hardStopDaysAfterDeadline)).toISOString(),
    };
  }

  /** Keeps a submitted answer when a revision never came back; otherwise records "not submitted". */
  async function settleUnanswered(why: string, closed = false) {
    const kept = state.answerVersion > 0;
    await change(
      kept ? 'revision_not_received' : 'not_submitted',
      SYSTEM,
      { status: kept ? 'submitted' : 'not_submitted', closed },
      { note: why },
    );
  }
}
