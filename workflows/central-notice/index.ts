// One central notice (CU) from registration to submission of the regional report. The phases and
// the moves between them are the table in domain/cu-process.ts; each phase runs in its own file.
import { allHandlersFinished, condition, upsertSearchAttributes } from '@temporalio/workflow';
import { APPROVAL_STEP_IDS, type ApprovalStep } from '../../domain/approval-chain';
import type { StartCu } from '../../domain/cu';
import type { CuPhase } from '../../domain/cu-process';
import { endOfDay } from '../../domain/time';
import { SA } from '../search-attributes';
import { registerCommands } from './commands';
import { cuContext, type CuContext } from './context';
import { awaitCouncils } from './councils';
import { runReporting } from './reporting';
import { awaitStep } from './steps';
import { submit } from './submission';

/** How a round ended: its report submitted, done where its process ends (no submission), or withdrawn (registered by mistake, or cancelled). */
export type CuResult =
  | { cuId: string; outcome: 'submitted'; submittedAt: string; messageId: string }
  | { cuId: string; outcome: 'completed' }
  | { cuId: string; outcome: 'withdrawn'; reason: string };

type PhaseRun = (ctx: CuContext) => Promise<unknown>;

/** Every step of the approval chain runs the same loop, from its row of the step table. */
const STEP_RUNS = Object.fromEntries(
  APPROVAL_STEP_IDS.map((step): [ApprovalStep, PhaseRun] => [step, (ctx) => awaitStep(ctx, step)]),
) as Record<ApprovalStep, PhaseRun>;

/** What the workflow does while the CU is in a phase; it returns when the phase has changed. */
const PHASES: Record<Exclude<CuPhase, 'submitted' | 'ready' | 'withdrawn' | 'completed'>, PhaseRun> = {
  registered: ({ state }) => condition(() => state.phase !== 'registered'),
  reporting: runReporting,
  drafting: ({ state }) => condition(() => state.phase !== 'drafting'),
  ...STEP_RUNS,
  political: awaitCouncils,
};

export async function centralNoticeWorkflow(input: StartCu): Promise<CuResult> {
  const ctx = cuContext(input);
  const { state } = ctx;
  upsertSearchAttributes([
    { key: SA.status, value: state.phase },
    { key: SA.region, value: input.cu.regionCode },
    { key: SA.cuId, value: input.cu.id },
    { key: SA.nationalDeadline, value: new Date(endOfDay(input.cu.nationalDeadline)) },
  ]);
  const { launchRound } = registerCommands(ctx);
  await ctx.log.write({
    kind: 'registered',
    by: input.by,
    ...(input.renewalOf
      ? { note: `Fornyet behandling af ${input.renewalOf.cuId}. Begrundelse: ${input.renewalOf.reason}` }
      : input.note
        ? { note: input.note }
        : {}),
    facts: [{ type: 'cu_version', version: 1, definition: input.cu, ...(input.renewalOf ? { renewalOf: input.renewalOf } : {}) }],
  });
  state.registered = true;
  // A round a schedule starts is launched at once, as the secretariat's launch would be; like the
  // Update, the launch answers once the municipalities' workflows run, which the phases below start.
  const launching = input.launch ? launchRound({ ...input.launch, by: input.by }) : undefined;

  let ended: CuResult | undefined;
  while (!ended) {
    if (state.phase === 'withdrawn') {
      ended = { cuId: state.cuId, outcome: 'withdrawn', reason: state.withdrawn?.reason ?? '' };
    } else if (state.phase === 'completed') {
      ended = { cuId: state.cuId, outcome: 'completed' };
    } else if (state.phase === 'ready') {
      const done = await submit(ctx);
      if (done) ended = { cuId: state.cuId, outcome: 'submitted', submittedAt: done.at, messageId: done.messageId };
    } else {
      await PHASES[state.phase as keyof typeof PHASES](ctx);
    }
  }
  await launching;
  await condition(allHandlersFinished);
  await ctx.mail.drained();
  return ended;
}
