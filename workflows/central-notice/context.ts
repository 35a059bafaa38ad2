// What a CU's workflow keeps while it runs (small: no answers, no texts), and the moves it makes:
// a phase change is checked against the transition table and written with its event.
import { upsertSearchAttributes } from '@temporalio/workflow';
import { LEGACY_CHAIN, type ApprovalStep } from '../../domain/approval-chain';
import type { Actor, CuDefinition, StartCu } from '../../domain/cu';
import { canMove, type CuPhase } from '../../domain/cu-process';
import type { CouncilSnapshot, RoundSettings } from '../../domain/record';
import type { Questionnaire } from '../../domain/questionnaire';
import type { IsoDate } from '../../domain/time';
import { journal, type Journal, type JournalEvent } from '../journal';
import type { CuAck } from '../messages';
import { outbox, type Outbox } from '../outbox';
import { SA } from '../search-attributes';

export interface CuState {
  cuId: string;
  /** The definition's facts the workflow decides on. */
  cu: Pick<CuDefinition, 'regionCode' | 'nationalDeadline' | 'questionnaire'> & { version: number };
  phase: CuPhase;
  registered: boolean;
  round?: {
    questionnaire: Questionnaire;
    deadline: IsoDate;
    settings: RoundSettings;
    municipalities: string[];
    recorded: boolean;
    started: boolean;
  };
  /** Every municipality answered, was excused or closed as not submitted (a municipality's workflow says so). */
  roundSettled: boolean;
  closeRequested: boolean;
  report?: { edition: number; answered: number; total: number };
  lastForumDecision?: { decision: 'approved' | 'returned'; comment: string; at: string };
  /** When the draft last entered each step of the approval chain. */
  stepSentAt: Partial<Record<ApprovalStep, string>>;
  /** Municipalities opened again after the round closed, until they settle; and how many times any was. */
  reopened: string[];
  reopenings: number;
  /** Why the CU was withdrawn (or its round cancelled), once it is. */
  withdrawn?: { reason: string };
  /** Messages resent by hand so far (each one's key). */
  resent: number;
  lastStepDecision?: { step: ApprovalStep; decision: 'approved' | 'returned'; comment: string; at: string };
  councils: Record<string, CouncilSnapshot>;
  submitRequestedBy?: Actor;
  submissionAttempts: number;
}

export interface CuContext {
  state: CuState;
  log: Journal;
  mail: Outbox;
  /** The round's approval chain, in order. */
  chain(): readonly ApprovalStep[];
  /** Moves the draft into a step of the chain (its phase-change event). */
  enterStep(step: ApprovalStep, by: Actor, note?: string): JournalEvent;
  /** The phase-change event (checked against the transition table); the state moves at once. */
  move(to: CuPhase, by: Actor, note?: string): JournalEvent;
  /** Writes events and answers with the last one. */
  write(...events: JournalEvent[]): Promise<CuAck>;
}

export function cuContext(input: StartCu): CuContext {
  const { cu } = input;
  const state: CuState = {
    cuId: cu.id,
    cu: { regionCode: cu.regionCode, nationalDeadline: cu.nationalDeadline, questionnaire: cu.questionnaire, version: 1 },
    phase: 'registered',
    registered: false,
    roundSettled: false,
    closeRequested: false,
    councils: {},
    stepSentAt: {},
    reopened: [],
    reopenings: 0,
    resent: 0,
    submissionAttempts: 0,
  };
  const log = journal(cu.id);
  const move = (to: CuPhase, by: Actor, note?: string): JournalEvent => {
    if (!canMove(state.phase, to)) throw new Error(`No move from ${state.phase} to ${to} in the transition table`);
    state.phase = to;
    upsertSearchAttributes([{ key: SA.status, value: to }]);
    return { kind: `phase:${to}`, by, ...(note ? { note } : {}), facts: [{ type: 'phase', phase: to }] };
  };
  return {
    state,
    log,
    mail: outbox(cu.id),
    chain: () => state.round?.settings.approvalChain ?? LEGACY_CHAIN,
    enterStep(step, by, note) {
      state.stepSentAt[step] = new Date().toISOString();
      return move(step, by, note);
    },
    move,
    async write(...events) {
      const { at, report } = await log.write(...events);
      if (report) state.report = report;
      return { cuId: cu.id, phase: state.phase, event: { kind: events.at(-1)!.kind, at } };
    },
  };
}
