// What a CU's workflow keeps while it runs (small: no answers, no texts), and the moves it makes:
// a phase change is checked against the transition table and written with its event.
import { getExternalWorkflowHandle, upsertSearchAttributes, type ChildWorkflowHandle, type SignalDefinition } from '@temporalio/workflow';
import type { ApprovalStep } from '../../domain/approval-chain';
import type { Actor, CuDefinition, StartCu } from '../../domain/cu';
import { canMove, commandAllowed, CU_PHASES, type CuCommand, type CuPhase } from '../../domain/cu-process';
import { municipalityWorkflowId } from '../../domain/ids';
import { check, invalidState } from '../failures';
import type { CouncilSnapshot, RoundSettings } from '../../domain/record';
import type { IsoDate } from '../../domain/time';
import type { ChainMeeting } from '../../domain/meetings';
import { journal, type Journal, type JournalEvent } from '../journal';
import type { CuAck } from '../../domain/commands';
import { outbox, type Outbox } from '../outbox';
import { SA } from '../search-attributes';
import type { municipalityWorkflow } from '../municipality';

export interface CuState {
  cuId: string;
  /** The definition's facts the workflow decides on. */
  cu: Pick<CuDefinition, 'regionCode' | 'nationalDeadline' | 'questionnaire' | 'process'> & { version: number };
  phase: CuPhase;
  registered: boolean;
  round?: {
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
  /** The chain's upcoming meetings (the region's calendars, as launched and as changed since). */
  meetings: ChainMeeting[];
  /** When the draft last entered each step of the approval chain. */
  stepSentAt: Partial<Record<ApprovalStep, string>>;
  /** Municipalities opened again after the round closed, until they settle; and how many times any was. */
  reopened: string[];
  reopenings: number;
  /** Why the CU was withdrawn (or its round cancelled), once it is. */
  withdrawn?: { reason: string };
  /** Messages resent by hand so far (each one's key). */
  resent: number;
  /** The latest return of the draft by a step, for the step's loop to tell the secretariat. */
  lastReturn?: { step: ApprovalStep; remarks: string; at: string };
  councils: Record<string, CouncilSnapshot>;
  submitRequestedBy?: Actor;
  submissionAttempts: number;
}

export type CuRound = NonNullable<CuState['round']>;

export interface CuContext {
  state: CuState;
  log: Journal;
  mail: Outbox;
  /** The round's approval chain, in order (empty before launch). */
  chain(): readonly ApprovalStep[];
  /** Moves the draft into a step of the chain (its phase-change event). */
  enterStep(step: ApprovalStep, by: Actor, note?: string): JournalEvent;
  /** The phase-change event (checked against the transition table); the state moves at once. */
  move(to: CuPhase, by: Actor, note?: string): JournalEvent;
  /** Writes events and answers with the last one. */
  write(...events: JournalEvent[]): Promise<CuAck>;
  /** Refuses a command its phase does not allow (the transition table), or before registration. */
  inPhase(command: CuCommand): void;
  /** The round; refuses a command before one is launched. */
  round(): CuRound;
  /** Refuses a command while the round's municipalities are starting, or reporting is closing. */
  roundRunning(): void;
  /** Signals a municipality's workflow; one that has already ended has nothing to do with it. */
  signalMunicipality<A extends unknown[]>(code: string, signal: SignalDefinition<A>, ...args: A): Promise<void>;
  /** The round's municipality workflows by code, as started (a restarted one replaces the lost). */
  children: Map<string, ChildWorkflowHandle<typeof municipalityWorkflow>>;
}

export function cuContext(input: StartCu): CuContext {
  const { cu } = input;
  const state: CuState = {
    cuId: cu.id,
    cu: {
      regionCode: cu.regionCode,
      nationalDeadline: cu.nationalDeadline,
      questionnaire: cu.questionnaire,
      process: cu.process ?? { councils: true, submitTo: 'national_board' },
      version: 1,
    },
    phase: 'registered',
    registered: false,
    roundSettled: false,
    closeRequested: false,
    councils: {},
    meetings: [],
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
    chain: () => state.round?.settings.approvalChain ?? [],
    enterStep(step, by, note) {
      state.stepSentAt[step] = new Date().toISOString();
      return move(step, by, note);
    },
    move,
    async write(...events) {
      const { at, report } = await log.write(...events);
      if (report) state.report = report;
      return { cuId: cu.id, phase: state.phase, event: { kind: events[events.length - 1]?.kind ?? 'registered', at } };
    },
    inPhase(command) {
      check(state.registered, 'Den centrale udmelding er ved at blive registreret; prøv igen om lidt');
      check(commandAllowed(command, state.phase), `Handlingen er ikke mulig i fasen "${CU_PHASES[state.phase]}"`);
    },
    round() {
      if (!state.round) throw invalidState('Indberetningen er ikke sendt ud');
      return state.round;
    },
    roundRunning() {
      check(state.round?.started === true, 'Indberetningen er ved at blive sendt ud');
      check(!state.closeRequested, 'Indberetningen er ved at blive lukket');
    },
    children: new Map(),
    signalMunicipality: (code, signal, ...args) =>
      getExternalWorkflowHandle(municipalityWorkflowId(state.cuId, code))
        .signal(signal, ...args)
        .catch(() => undefined),
  };
}
