// The reporting round: a child workflow per municipality; when every one has settled (or the
// secretariat closes early) the children close, and the report is aggregated from the record.
import { condition, startChild } from '@temporalio/workflow';
import { SYSTEM } from '../../domain/cu';
import { municipalityWorkflowId } from '../../domain/ids';
import { endOfDay } from '../../domain/time';
import * as msg from '../messages';
import { municipalityWorkflow, type MunicipalityInput } from '../municipality';
import { SA } from '../search-attributes';
import { isApprovalStep, stepRow } from '../../domain/approval-chain';
import type { CuAck } from '../../domain/commands';
import { municipality, respondentName } from '../../domain/municipalities';
import type { IsoDate } from '../../domain/time';
import type { CuContext, CuRound, CuState } from './context';
import type { CuCommandOf, reopenMunicipality as reopenMessage, restartRespondent as restartMessage } from './messages';

export async function runReporting(ctx: CuContext): Promise<void> {
  const { state } = ctx;
  await condition(() => state.round?.recorded === true);
  const round = ctx.round();
  // Started together: one workflow task schedules them all.
  const started = await Promise.all(
    round.municipalities.map((code) => startChild(municipalityWorkflow, childOptions(state, round, code, round.deadline))),
  );
  started.forEach((child, i) => ctx.children.set(round.municipalities[i] ?? '', child));
  round.started = true;
  await condition(() => state.closeRequested || state.roundSettled || state.withdrawn !== undefined);
  // Read after the wait: a respondent restarted meanwhile is its new workflow.
  const children = [...ctx.children.values()];
  const cancelled = state.withdrawn;
  if (cancelled) {
    // Cancelled: each municipality is told and ends; there is no report.
    await Promise.all(children.map((child) => child.signal(msg.roundCancelled, { reason: cancelled.reason })));
    await Promise.all(children.map((child) => child.result()));
    return;
  }
  await Promise.all(children.map((child) => child.signal(msg.closeRound)));
  const finals = await Promise.all(children.map((child) => child.result()));
  const answered = finals.filter((m) => m.answerVersion > 0).length;
  await ctx.write(
    { kind: 'report_generated', by: SYSTEM, facts: [{ type: 'report_aggregate', reason: 'Indberetningen er afsluttet' }] },
    ctx.move('drafting', SYSTEM, `${answered} af ${round.municipalities.length} kommuner har svaret`),
  );
}

/** A municipality's workflow: the round's reminders, its own deadline, and where it resumes (answers are checked before its Updates). */
function childOptions(state: CuState, round: CuRound, code: string, deadline: IsoDate, resume?: MunicipalityInput['resume']) {
  return {
    workflowId: municipalityWorkflowId(state.cuId, code),
    typedSearchAttributes: [
      { key: SA.cuId, value: state.cuId },
      { key: SA.region, value: state.cu.regionCode },
      { key: SA.municipality, value: code },
      { key: SA.status, value: resume?.status ?? 'invited' },
      { key: SA.municipalDeadline, value: new Date(endOfDay(deadline)) },
    ],
    args: [
      {
        cuId: state.cuId,
        code,
        deadline,
        reminders: round.settings.reminders,
        hardStopDaysAfterDeadline: round.settings.hardStopDaysAfterDeadline,
        ...(resume ? { resume } : {}),
      },
    ] as [MunicipalityInput],
  };
}

/** A respondent's workflow lost mid-round, started again where the record has it (the agreement check's repair). */
export async function restartRespondent(ctx: CuContext, command: CuCommandOf<typeof restartMessage>): Promise<CuAck> {
  const { state } = ctx;
  const { municipalityCode: code, deadline, status, answerVersion, by } = command;
  state.reopenings += 1;
  const ack = await ctx.write({
    kind: 'respondent_restarted',
    by,
    municipalityCode: code,
    note: `Status ${status}, svarversion ${answerVersion}`,
  });
  const resume = {
    reopening: state.reopenings,
    status,
    answerVersion,
    reason: 'Genstartet fra registreringen',
    by,
    restart: true as const,
  };
  ctx.children.set(code, await startChild(municipalityWorkflow, childOptions(state, ctx.round(), code, deadline, resume)));
  return ack;
}

/**
 * Opens a municipality again after the round closed (a late answer, or a correction) before the report
 * is approved: a draft at a step of the approval chain comes back to the secretariat (the step's
 * audience is told), the municipality's workflow runs again under the same id, resuming where the
 * record has it, and when it has settled the report is aggregated anew. The chain then starts over.
 */
export async function reopenMunicipality(ctx: CuContext, command: CuCommandOf<typeof reopenMessage>): Promise<CuAck> {
  const { state } = ctx;
  const { municipalityCode: code, deadline, reason, status, answerVersion, by } = command;
  state.reopenings += 1;
  state.reopened.push(code);
  const why = `${respondentName(code)} genåbnes: ${reason}`;
  const step = isApprovalStep(state.phase) ? state.phase : undefined;
  // A step's members were asked for a decision (FU's, the forum's); the secretariat serves K22 and KKR itself.
  if (step && stepRow(step).audience !== 'secretariat')
    void ctx.mail.send(`${step}-withdrawn:${state.stepSentAt[step]}`, {
      template: 'approval_withdrawn',
      to: [stepRow(step).audience],
      data: { step, reason: why },
    });
  const ack = await ctx.write(...(step ? [ctx.move('drafting', by, `Trukket tilbage fra ${stepRow(step).name}. ${why}`)] : []), {
    kind: 'municipality_reopened',
    by,
    municipalityCode: code,
    note: `${deadline}: ${reason}`,
  });
  const child = await startChild(
    municipalityWorkflow,
    childOptions(state, ctx.round(), code, deadline, { reopening: state.reopenings, status, answerVersion, reason, by }),
  );
  void child.result().then(async () => {
    await ctx.write({
      kind: 'report_generated',
      by: SYSTEM,
      facts: [{ type: 'report_aggregate', reason: `${municipality(code).name} er behandlet efter genåbning` }],
    });
    state.reopened = state.reopened.filter((c) => c !== code);
  });
  return ack;
}
