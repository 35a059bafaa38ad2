// The report's commands after reporting: the secretariat's summaries, sending the draft into the
// approval chain, each step's decision (one command for every step: its row in the step table says
// which decisions it may take and where they lead), the councils' decisions and deadlines, submission.
import { afterChain, DECIDED_VIA, decisionOf, stepAfter, stepRow } from '../../domain/approval-chain';
import { councilName, REGION_COUNCIL } from '../../domain/commands';
import { CU_PHASES } from '../../domain/cu-process';
import { OWN_SECTION_IDS } from '../../domain/report';
import { isRegion, REGIONS } from '../../domain/municipalities';
import type { Fact } from '../../domain/record';
import type { IsoDate } from '../../domain/time';
import { onCommand } from '../commands';
import { check, invalidInput } from '../failures';
import type { CuContext } from './context';
import * as msg from './messages';

export function registerApprovalCommands(ctx: CuContext): void {
  const { state } = ctx;

  /** Every council of the round and the regional council, each pending with the same deadline. */
  const openCouncils = (deadline: IsoDate): Fact => {
    const deadlineSetAt = new Date().toISOString();
    for (const id of [...ctx.round().municipalities.filter((code) => !isRegion(code)), REGION_COUNCIL]) {
      state.councils[id] = { council: id, name: councilName(id, REGIONS[state.cu.regionCode]), deadline, deadlineSetAt, status: 'pending' };
    }
    return { type: 'councils', councils: Object.values(state.councils) };
  };

  const council = (id: string) => {
    const found = state.councils[id];
    check(found !== undefined, `${id} er ikke med i den politiske behandling`);
    return found as NonNullable<typeof found>;
  };

  onCommand(msg.editReport, {
    check: ({ summaries }) => {
      ctx.inPhase('editReport');
      const unknown = Object.keys(summaries).filter(
        (id) => !OWN_SECTION_IDS.includes(id) && !state.cu.questionnaire.themes.some((t) => t.id === id),
      );
      check(unknown.length === 0, `Ukendte temaer: ${unknown.join(', ')}`);
    },
    run: ({ summaries, by }) =>
      ctx.write({ kind: 'report_edited', by, note: Object.keys(summaries).join(', '), facts: [{ type: 'report_summaries', summaries }] }),
  });

  onCommand(msg.sendForApproval, {
    check: () => {
      ctx.inPhase('sendForApproval');
      check(
        state.reopened.length === 0,
        `Afvent de genåbnede kommuner (${state.reopened.join(', ')}): afrapporteringen dannes igen, når de har svaret`,
      );
      check(ctx.chain().length > 0, 'Runden har ingen godkendelseskæde');
    },
    run: ({ by }) => ctx.write(ctx.enterStep(ctx.chain()[0] ?? 'forum', by)),
  });

  onCommand(msg.recordStepDecision, {
    check: ({ step, decision, councilDeadline }) => {
      ctx.inPhase('recordStepDecision');
      const { name } = stepRow(step);
      check(state.phase === step, `Afrapporteringen er ikke hos ${name} nu, men i fasen "${CU_PHASES[state.phase]}"`);
      const opensCouncils =
        decisionOf(step, decision)?.outcome === 'onwards' && stepAfter(ctx.chain(), step, afterChain(state.cu.process)) === 'political';
      if (opensCouncils && councilDeadline === undefined) {
        throw invalidInput([{ path: 'councilDeadline', message: `${name} er sidste trin: angiv fristen for den politiske behandling` }]);
      }
    },
    run: ({ step, decision, date, remarks, via, councilDeadline, by }) => {
      const words = decisionOf(step, decision) ?? { label: decision, outcome: 'back' as const };
      const event = {
        kind: `${step}_decision` as const,
        by,
        note: `${words.label} (${DECIDED_VIA[via].toLowerCase()})${remarks ? `: ${remarks}` : ''}`,
        facts: [{ type: 'decision' as const, body: step, decision, ...(date ? { date } : {}), remarks, via }],
      };
      if (words.outcome === 'back') {
        state.lastReturn = { step, remarks, at: new Date().toISOString() };
        return ctx.write(event, ctx.move('drafting', by, remarks));
      }
      const next = stepAfter(ctx.chain(), step, afterChain(state.cu.process));
      if (next === 'ready' || next === 'completed') return ctx.write(event, ctx.move(next, by));
      if (next !== 'political') return ctx.write(event, ctx.enterStep(next, by));
      const councils = openCouncils(councilDeadline ?? state.cu.nationalDeadline);
      return ctx.write({ ...event, facts: [...event.facts, councils] }, ctx.move('political', by));
    },
  });

  onCommand(msg.recordCouncilDecision, {
    check: ({ council: id }) => {
      ctx.inPhase('recordCouncilDecision');
      // A council that did not approve may decide again while others are still deciding.
      check(['pending', 'rejected'].includes(council(id).status), 'Beslutningen er allerede registreret');
    },
    run: ({ council: id, decision, date, remarks, by }) => {
      const snapshot = council(id);
      snapshot.status = decision;
      return ctx.write({
        kind: 'council_decision',
        by,
        note: `${id}: ${decision}`,
        facts: [
          { type: 'decision', body: 'council', council: id, decision, date, remarks },
          { type: 'councils', councils: [{ ...snapshot }] },
        ],
      });
    },
  });

  onCommand(msg.extendCouncilDeadline, {
    check: ({ council: id, deadline }) => {
      ctx.inPhase('extendCouncilDeadline');
      const current = council(id);
      check(current.status === 'pending', `${id} afventer ikke en beslutning`);
      check(deadline > current.deadline, `Den nye frist skal ligge efter ${current.deadline}`);
    },
    run: ({ council: id, deadline, by }) => {
      const snapshot = Object.assign(council(id), { deadline, deadlineSetAt: new Date().toISOString() });
      return ctx.write({
        kind: 'council_deadline_extended',
        by,
        note: `${id}: ${deadline}`,
        facts: [{ type: 'councils', councils: [{ ...snapshot }] }],
      });
    },
  });

  onCommand(msg.submitReport, {
    check: () => {
      ctx.inPhase('submitReport');
      check(!state.submitRequestedBy, 'Rapporten er ved at blive indsendt');
    },
    run: ({ by }) => {
      state.submitRequestedBy = by;
      return ctx.write({ kind: 'submission_requested', by });
    },
  });
}
