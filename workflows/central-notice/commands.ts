// Every command a CU takes, each an Update whose validator checks the input and the phase (the
// transition table in domain/cu-process.ts), and whose handler moves and writes the record.
import { condition, getExternalWorkflowHandle, setHandler, upsertSearchAttributes, type SignalDefinition } from '@temporalio/workflow';
import {
  byOnlySchema,
  changeRoundContactsSchema,
  councilDecisionSchema,
  councilName,
  editCuSchema,
  editReportSchema,
  extendCouncilDeadlineSchema,
  extendRoundSchema,
  forumDecisionSchema,
  kkrDecisionSchema,
  moveNationalDeadlineSchema,
  reopenMunicipalitySchema,
  stepDecisionSchema,
  REGION_COUNCIL,
  RESENDABLE,
  resendSchema,
  withdrawSchema,
} from '../../domain/commands';
import { APPROVAL_STEPS, DECIDED_VIA, STEP_DECISIONS, stepAfter, type ApprovalStep, type DecidedVia } from '../../domain/approval-chain';
import { launchRoundSchema, type Actor } from '../../domain/cu';
import type { Fact } from '../../domain/record';
import type { IsoDate } from '../../domain/time';
import { commandAllowed, CU_PHASES, type CuCommand } from '../../domain/cu-process';
import { municipalityWorkflowId } from '../../domain/ids';
import { municipality, REGIONS } from '../../domain/municipalities';
import { hardStop } from '../../domain/reminders';
import { copenhagenDate, endOfDay } from '../../domain/time';
import { reopenMunicipality } from './reporting';
import { onCommand } from '../commands';
import { check } from '../failures';
import { parse } from './parse';
import * as msg from '../messages';
import { SA } from '../search-attributes';
import type { CuContext } from './context';

export function registerCommands(ctx: CuContext): void {
  const { state } = ctx;
  const inPhase = (command: CuCommand) => {
    check(state.registered, 'Den centrale udmelding er ved at blive registreret; prøv igen om lidt');
    check(commandAllowed(command, state.phase), `Handlingen er ikke mulig i fasen "${CU_PHASES[state.phase]}"`);
  };
  /** The round's municipalities all run, and reporting is not closing. */
  const roundRunning = () => {
    check(state.round?.started === true, 'Indberetningen er ved at blive sendt ud');
    check(!state.closeRequested, 'Indberetningen er ved at blive lukket');
  };
  /** A municipality's part whose workflow has already ended has nothing to do with the signal. */
  const signalMunicipality = <A extends unknown[]>(code: string, signal: SignalDefinition<A>, ...args: A) =>
    getExternalWorkflowHandle(municipalityWorkflowId(state.cuId, code))
      .signal(signal, ...args)
      .catch(() => undefined);

  setHandler(msg.cuProcess, () => ({
    phase: state.phase,
    roundSettled: state.roundSettled,
    councils: Object.values(state.councils).map((c) => ({ id: c.council, status: c.status, deadline: c.deadline })),
  }));

  setHandler(msg.registration, async () => {
    await condition(() => state.registered);
    return { cuId: state.cuId, phase: state.phase, event: { kind: 'registered' as const, at: new Date().toISOString() } };
  });

  onCommand(msg.editCu, {
    parse: (command) => parse(editCuSchema, command),
    check: (edit) => {
      inPhase('editCu');
      check(edit.cu.id === state.cuId, 'En central udmeldings id kan ikke ændres');
    },
    run: ({ cu, by }) => {
      state.cu = {
        regionCode: cu.regionCode,
        nationalDeadline: cu.nationalDeadline,
        questionnaire: cu.questionnaire,
        version: state.cu.version + 1,
      };
      upsertSearchAttributes([
        { key: SA.region, value: cu.regionCode },
        { key: SA.nationalDeadline, value: new Date(endOfDay(cu.nationalDeadline)) },
      ]);
      return ctx.write({ kind: 'cu_edited', by, facts: [{ type: 'cu_version', version: state.cu.version, definition: cu }] });
    },
  });

  onCommand(msg.launchRound, {
    parse: (command) => parse(launchRoundSchema, command),
    check: (launch) => {
      inPhase('launchRound');
      check(!state.round, 'Indberetningen er ved at blive sendt ud');
      const foreign = launch.municipalities.filter((code) => municipality(code).regionCode !== state.cu.regionCode);
      check(foreign.length === 0, `Kommunerne ${foreign.join(', ')} hører ikke til ${REGIONS[state.cu.regionCode]}`);
      check(
        launch.deadline <= state.cu.nationalDeadline,
        `Kommunernes frist skal ligge før den nationale frist (${state.cu.nationalDeadline})`,
      );
    },
    run: async (launch) => {
      const { municipalities, deadline, by } = launch;
      const settings = {
        reminders: launch.reminders,
        hardStopDaysAfterDeadline: launch.hardStopDaysAfterDeadline,
        councilReminders: launch.councilReminders,
        councilHardStopDaysAfterDeadline: launch.councilHardStopDaysAfterDeadline,
        approvalReminderEveryDays: launch.approvalReminderEveryDays,
        ...(launch.approvalChain ? { approvalChain: launch.approvalChain } : {}),
      };
      state.round = { questionnaire: state.cu.questionnaire, deadline, settings, municipalities, recorded: false, started: false };
      const hardStopAt = new Date(hardStop(deadline, launch.hardStopDaysAfterDeadline)).toISOString();
      upsertSearchAttributes([{ key: SA.municipalDeadline, value: new Date(endOfDay(deadline)) }]);
      const round = {
        type: 'round' as const,
        cuVersion: state.cu.version,
        deadline,
        settings,
        addresses: launch.addresses,
        baseUrl: launch.baseUrl,
        contacts: launch.contacts,
        municipalities: municipalities.map((code) => ({ code, deadline, hardStopAt })),
      };
      const ack = await ctx.write(
        { kind: 'round_launched', by, note: `${municipalities.length} kommuner, frist ${deadline}`, facts: [round] },
        ctx.move('reporting', by),
      );
      state.round.recorded = true;
      // Answers once every municipality's workflow runs: their pages and commands work from then on.
      await condition(() => state.round!.started);
      return ack;
    },
  });

  setHandler(msg.roundSettled, () => void (state.roundSettled = true));

  onCommand(msg.extendRound, {
    parse: (command) => parse(extendRoundSchema, command),
    check: ({ deadline }) => {
      inPhase('extendRound');
      roundRunning();
      check(deadline > state.round!.deadline, `Den nye frist skal ligge efter den nuværende (${state.round!.deadline})`);
      check(
        deadline <= state.cu.nationalDeadline,
        `Kommunernes frist skal ligge før den nationale frist (${state.cu.nationalDeadline}); flyt den først`,
      );
    },
    run: async ({ deadline, reason, by }) => {
      const round = state.round!;
      round.deadline = deadline;
      upsertSearchAttributes([{ key: SA.municipalDeadline, value: new Date(endOfDay(deadline)) }]);
      const ack = await ctx.write({
        kind: 'round_extended',
        by,
        note: `${deadline}: ${reason}`,
        facts: [{ type: 'round_deadline', deadline }],
      });
      // Each municipality that still owes an answer moves its own deadline, timers and record.
      await Promise.all(round.municipalities.map((code) => signalMunicipality(code, msg.roundExtended, { deadline, reason, by })));
      return ack;
    },
  });

  onCommand(msg.changeRoundContacts, {
    parse: (command) => parse(changeRoundContactsSchema, command),
    check: ({ municipalityCode }) => {
      inPhase('changeRoundContacts');
      roundRunning();
      check(state.round!.municipalities.includes(municipalityCode), `${municipalityCode} er ikke med i indberetningen`);
    },
    run: async ({ municipalityCode, contacts, added, removed, by }) => {
      const ack = await ctx.write({
        kind: 'contacts_changed',
        by,
        municipalityCode,
        note: `${contacts.contacts.map((c) => `${c.name} <${c.email}>`).join(', ')}${removed.length ? `; fjernet: ${removed.join(', ')}` : ''}`,
        facts: [{ type: 'round_contacts', municipalityCode, contacts, removed }],
      });
      if (added.length) {
        await signalMunicipality(municipalityCode, msg.contactsChanged, { addresses: added });
      }
      return ack;
    },
  });

  onCommand(msg.resendToMunicipality, {
    parse: (command) => parse(resendSchema, command),
    check: ({ municipalityCode }) => {
      inPhase('resendToMunicipality');
      roundRunning();
      check(state.round!.municipalities.includes(municipalityCode), `${municipalityCode} er ikke med i indberetningen`);
    },
    run: async ({ municipalityCode, what, by }) => {
      state.resent += 1;
      const ack = await ctx.write({ kind: 'mail_resent', by, municipalityCode, note: RESENDABLE[what] });
      await signalMunicipality(municipalityCode, msg.resendMail, { what, n: state.resent });
      return ack;
    },
  });

  onCommand(msg.withdrawCu, {
    parse: (command) => parse(withdrawSchema, command),
    check: () => {
      inPhase('withdrawCu');
      check(state.registered, 'Den centrale udmelding er ved at blive registreret');
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
    parse: (command) => parse(moveNationalDeadlineSchema, command),
    check: ({ nationalDeadline }) => {
      inPhase('moveNationalDeadline');
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

  onCommand(msg.closeReporting, {
    parse: (command) => parse(byOnlySchema, command),
    check: () => {
      inPhase('closeReporting');
      check(!state.closeRequested, 'Indberetningen er ved at blive lukket');
    },
    run: ({ by }) => {
      state.closeRequested = true;
      return ctx.write({ kind: 'reporting_closed', by });
    },
  });

  onCommand(msg.editReport, {
    parse: (command) => parse(editReportSchema, command),
    check: ({ summaries }) => {
      inPhase('editReport');
      const unknown = Object.keys(summaries).filter((id) => !state.cu.questionnaire.themes.some((t) => t.id === id));
      check(unknown.length === 0, `Ukendte temaer: ${unknown.join(', ')}`);
    },
    run: ({ summaries, by }) =>
      ctx.write({ kind: 'report_edited', by, note: Object.keys(summaries).join(', '), facts: [{ type: 'report_summaries', summaries }] }),
  });

  onCommand(msg.reopenMunicipality, {
    parse: (command) => parse(reopenMunicipalitySchema, command),
    check: ({ municipalityCode, deadline }) => {
      inPhase('reopenMunicipality');
      check(state.round!.municipalities.includes(municipalityCode), `${municipalityCode} var ikke med i indberetningen`);
      check(!state.reopened.includes(municipalityCode), 'Kommunen er allerede genåbnet');
      check(deadline > copenhagenDate(Date.now()), 'Den nye frist skal ligge efter i dag');
    },
    run: (command) => reopenMunicipality(ctx, command),
  });

  onCommand(msg.sendToForum, {
    parse: (command) => parse(byOnlySchema, command),
    check: () => {
      inPhase('sendToForum');
      check(
        state.reopened.length === 0,
        `Afvent de genåbnede kommuner (${state.reopened.join(', ')}): afrapporteringen dannes igen, når de har svaret`,
      );
    },
    // Into the first step of the round's approval chain (the forum, in rounds from before the chain was data).
    run: ({ by }) => ctx.write(ctx.enterStep(ctx.chain()[0]!, by)),
  });

  const byEmail = (via: DecidedVia) => (via === 'email' ? ` (${DECIDED_VIA.email.toLowerCase()})` : '');

  /** The next step of the chain after an approval (not the councils: their deadline comes with the last step). */
  const onwards = (from: ApprovalStep, by: Actor) => {
    const next = stepAfter(ctx.chain(), from);
    if (next === 'political') throw new Error(`${from} is not the last step that opens the councils`);
    return ctx.enterStep(next, by);
  };

  /** Every council of the round and the regional council, each pending with the same deadline. */
  const openCouncils = (deadline: IsoDate): Fact => {
    const deadlineSetAt = new Date().toISOString();
    for (const id of [...state.round!.municipalities, REGION_COUNCIL]) {
      state.councils[id] = { council: id, name: councilName(id, REGIONS[state.cu.regionCode]), deadline, deadlineSetAt, status: 'pending' };
    }
    return { type: 'councils', councils: Object.values(state.councils) };
  };

  onCommand(msg.recordForumDecision, {
    parse: (command) => parse(forumDecisionSchema, command),
    check: ({ decision }) => {
      inPhase('recordForumDecision');
      check(decision === 'returned' || stepAfter(ctx.chain(), 'forum') !== 'political', 'Socialdirektørforum kan ikke være sidste trin');
    },
    run: ({ decision, comment, via, by }) => {
      state.lastForumDecision = { decision, comment, at: new Date().toISOString() };
      return ctx.write(
        {
          kind: 'forum_decision',
          by,
          note: `${decision === 'approved' ? 'Godkendt' : `Sendt retur: ${comment}`}${byEmail(via)}`,
          facts: [{ type: 'decision', body: 'forum', decision, remarks: comment, via }],
        },
        decision === 'approved' ? onwards('forum', by) : ctx.move('drafting', by, comment),
      );
    },
  });

  onCommand(msg.recordKkrDecision, {
    parse: (command) => parse(kkrDecisionSchema, command),
    check: () => inPhase('recordKkrDecision'),
    run: ({ decision, date, remarks, via, councilDeadline, by }) => {
      const kkr = {
        kind: 'kkr_decision' as const,
        by,
        note: `${decision}${byEmail(via)}`,
        facts: [{ type: 'decision' as const, body: 'kkr' as const, decision, date, remarks, via }],
      };
      if (decision === 'rejected') return ctx.write(kkr, ctx.move('drafting', by, remarks));
      if (stepAfter(ctx.chain(), 'kkr') !== 'political') return ctx.write(kkr, onwards('kkr', by));
      return ctx.write({ ...kkr, facts: [...kkr.facts, openCouncils(councilDeadline!)] }, ctx.move('political', by));
    },
  });

  onCommand(msg.recordStepDecision, {
    parse: (command) => parse(stepDecisionSchema, command),
    check: ({ step, decision, councilDeadline }) => {
      inPhase('recordStepDecision');
      check(state.phase === step, `Afrapporteringen er ikke hos ${APPROVAL_STEPS[step].name} nu, men i fasen "${CU_PHASES[state.phase]}"`);
      const last = decision === 'approved' && stepAfter(ctx.chain(), step) === 'political';
      check(
        !last || councilDeadline !== undefined,
        `${APPROVAL_STEPS[step].name} er sidste trin: angiv fristen for den politiske behandling`,
      );
    },
    run: ({ step, decision, date, remarks, via, councilDeadline, by }) => {
      const event = {
        kind: `${step}_decision` as const,
        by,
        note: `${STEP_DECISIONS[decision]} (${DECIDED_VIA[via].toLowerCase()})${remarks ? `: ${remarks}` : ''}`,
        facts: [{ type: 'decision' as const, body: step, decision, date, remarks, via }],
      };
      if (decision === 'returned') {
        state.lastStepDecision = { step, decision, comment: remarks, at: new Date().toISOString() };
        return ctx.write(event, ctx.move('drafting', by, remarks));
      }
      if (stepAfter(ctx.chain(), step) === 'political')
        return ctx.write({ ...event, facts: [...event.facts, openCouncils(councilDeadline!)] }, ctx.move('political', by));
      return ctx.write(event, onwards(step, by));
    },
  });

  onCommand(msg.recordCouncilDecision, {
    parse: (command) => parse(councilDecisionSchema, command),
    check: ({ council }) => {
      inPhase('recordCouncilDecision');
      check(state.councils[council] !== undefined, `${council} er ikke med i den politiske behandling`);
      // A council that did not approve may decide again while others are still deciding.
      check(['pending', 'rejected'].includes(state.councils[council]!.status), 'Beslutningen er allerede registreret');
    },
    run: ({ council, decision, date, remarks, by }) => {
      const snapshot = state.councils[council]!;
      snapshot.status = decision;
      return ctx.write({
        kind: 'council_decision',
        by,
        note: `${council}: ${decision}`,
        facts: [
          { type: 'decision', body: 'council', council, decision, date, remarks },
          { type: 'councils', councils: [{ ...snapshot }] },
        ],
      });
    },
  });

  onCommand(msg.extendCouncilDeadline, {
    parse: (command) => parse(extendCouncilDeadlineSchema, command),
    check: ({ council, deadline }) => {
      inPhase('extendCouncilDeadline');
      const current = state.councils[council];
      check(current?.status === 'pending', `${council} afventer ikke en beslutning`);
      check(deadline > current!.deadline, `Den nye frist skal ligge efter ${current!.deadline}`);
    },
    run: ({ council, deadline, by }) => {
      const snapshot = Object.assign(state.councils[council]!, { deadline, deadlineSetAt: new Date().toISOString() });
      return ctx.write({
        kind: 'council_deadline_extended',
        by,
        note: `${council}: ${deadline}`,
        facts: [{ type: 'councils', councils: [{ ...snapshot }] }],
      });
    },
  });

  onCommand(msg.submitReport, {
    parse: (command) => parse(byOnlySchema, command),
    check: () => {
      inPhase('submitReport');
      check(!state.submitRequestedBy, 'Rapporten er ved at blive indsendt');
    },
    run: ({ by }) => {
      state.submitRequestedBy = by;
      return ctx.write({ kind: 'submission_requested', by });
    },
  });
}
