// The reporting round: a child workflow per municipality; when every one has settled (or the
// secretariat closes early) the children close, and the report is aggregated from the record.
import { condition, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { SYSTEM } from '../../domain/cu';
import { municipalityWorkflowId } from '../../domain/ids';
import { endOfDay } from '../../domain/time';
import * as msg from '../messages';
import { municipalityWorkflow } from '../municipality';
import { SA } from '../search-attributes';
import type { CuContext } from './context';

export async function runReporting(ctx: CuContext): Promise<void> {
  const { state } = ctx;
  await condition(() => state.round?.recorded === true);
  const round = state.round!;
  // Started together: one workflow task schedules them all.
  const children: ChildWorkflowHandle<typeof municipalityWorkflow>[] = await Promise.all(
    round.municipalities.map((code) =>
      startChild(municipalityWorkflow, {
        workflowId: municipalityWorkflowId(state.cuId, code),
        typedSearchAttributes: [
          { key: SA.cuId, value: state.cuId },
          { key: SA.region, value: state.cu.regionCode },
          { key: SA.municipality, value: code },
          { key: SA.status, value: 'invited' },
          { key: SA.municipalDeadline, value: new Date(endOfDay(round.deadline)) },
        ],
        args: [
          {
            cuId: state.cuId,
            code,
            questionnaire: round.questionnaire,
            deadline: round.deadline,
            reminders: round.settings.reminders,
            hardStopDaysAfterDeadline: round.settings.hardStopDaysAfterDeadline,
          },
        ],
      }),
    ),
  );
  round.started = true;
  await condition(() => state.closeRequested || state.roundSettled);
  await Promise.all(children.map((child) => child.signal(msg.closeRound)));
  const finals = await Promise.all(children.map((child) => child.result()));
  const answered = finals.filter((m) => m.answerVersion > 0).length;
  await ctx.write(
    { kind: 'report_generated', by: SYSTEM, facts: [{ type: 'report_aggregate', reason: 'Indberetningen er afsluttet' }] },
    ctx.move('drafting', SYSTEM, `${answered} af ${round.municipalities.length} kommuner har svaret`),
  );
}
