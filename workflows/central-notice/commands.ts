// Every command a CU takes, each an Update whose validator checks the input and the phase (the
// transition table in domain/cu-process.ts), and whose handler moves and writes the record. The
// round's commands are in round-commands.ts, the approval's in approval-commands.ts.
import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { endOfDay } from '../../domain/time';
import { onCommand } from '../commands';
import { check } from '../failures';
import * as shared from '../messages';
import { SA } from '../search-attributes';
import { registerApprovalCommands } from './approval-commands';
import type { CuContext } from './context';
import * as msg from './messages';
import { registerRoundCommands } from './round-commands';

/** Registers every command's Update; returns the launch, for a round that starts launched (a schedule's). */
export function registerCommands(ctx: CuContext) {
  const { state } = ctx;

  setHandler(msg.cuProcess, () => ({
    phase: state.phase,
    roundSettled: state.roundSettled,
    councils: Object.values(state.councils).map((c) => ({ id: c.council, status: c.status, deadline: c.deadline })),
  }));

  setHandler(msg.registration, async () => {
    await condition(() => state.registered);
    return { cuId: state.cuId, phase: state.phase, event: { kind: 'registered' as const, at: new Date().toISOString() } };
  });

  setHandler(shared.roundSettled, () => void (state.roundSettled = true));
  setHandler(msg.meetingsChanged, (input) => {
    const meetings = msg.readMeetingsChanged(input);
    if (meetings) state.meetings = meetings;
  });

  onCommand(msg.editCu, {
    check: (edit) => {
      ctx.inPhase('editCu');
      check(edit.cu.id === state.cuId, 'En central udmeldings id kan ikke ændres');
    },
    run: ({ cu, by }) => {
      state.cu = {
        regionCode: cu.regionCode,
        nationalDeadline: cu.nationalDeadline,
        questionnaire: cu.questionnaire,
        process: cu.process,
        version: state.cu.version + 1,
      };
      upsertSearchAttributes([
        { key: SA.region, value: cu.regionCode },
        { key: SA.nationalDeadline, value: new Date(endOfDay(cu.nationalDeadline)) },
      ]);
      return ctx.write({ kind: 'cu_edited', by, facts: [{ type: 'cu_version', version: state.cu.version, definition: cu }] });
    },
  });

  onCommand(msg.withdrawCu, {
    check: () => {
      ctx.inPhase('withdrawCu');
      check(!state.round || state.round.started, 'Indberetningen er ved at blive sendt ud; prøv igen om lidt');
      check(state.reopened.length === 0, 'Afvent de genåbnede kommuner');
    },
    run: ({ reason, by }) => {
      state.withdrawn = { reason };
      const kind = state.phase === 'registered' ? ('cu_withdrawn' as const) : ('round_cancelled' as const);
      return ctx.write({ kind, by, note: reason, facts: [{ type: 'links_revoked', reason }] }, ctx.move('withdrawn', by, reason));
    },
  });

  onCommand(msg.moveNationalDeadline, {
    check: ({ nationalDeadline }) => {
      ctx.inPhase('moveNationalDeadline');
      check(nationalDeadline !== state.cu.nationalDeadline, `Den nationale frist er allerede ${nationalDeadline}`);
      check(
        !state.round || nationalDeadline >= state.round.deadline,
        `Den nationale frist kan ikke ligge før kommunernes frist (${state.round?.deadline})`,
      );
    },
    run: ({ nationalDeadline, reason, by }) => {
      const was = state.cu.nationalDeadline;
      state.cu = { ...state.cu, nationalDeadline, version: state.cu.version + 1 };
      upsertSearchAttributes([{ key: SA.nationalDeadline, value: new Date(endOfDay(nationalDeadline)) }]);
      return ctx.write({
        kind: 'national_deadline_moved',
        by,
        note: `${was} → ${nationalDeadline}: ${reason}`,
        facts: [{ type: 'national_deadline', version: state.cu.version, nationalDeadline }],
      });
    },
  });

  const { launchRound } = registerRoundCommands(ctx);
  registerApprovalCommands(ctx);
  return { launchRound };
}
