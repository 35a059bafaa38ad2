// The round's commands: launch, changes while the municipalities report (extension, contacts,
// resending), closing early, and opening a municipality again after the round closed.
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { RESENDABLE } from '../../domain/commands';
import { municipality, REGIONS } from '../../domain/municipalities';
import { hardStop } from '../../domain/reminders';
import { copenhagenDate, endOfDay } from '../../domain/time';
import { onCommand } from '../commands';
import { check } from '../failures';
import * as shared from '../messages';
import { SA } from '../search-attributes';
import type { CuContext } from './context';
import * as msg from './messages';
import { reopenMunicipality, restartRespondent } from './reporting';

export function registerRoundCommands(ctx: CuContext) {
  const { state } = ctx;
  /** The round's municipalities all run, and the command is about one of them. */
  const runningWith = (code: string) => {
    ctx.roundRunning();
    check(ctx.round().municipalities.includes(code), `${code} er ikke med i indberetningen`);
  };

  const launchRound = onCommand(msg.launchRound, {
    check: (launch) => {
      ctx.inPhase('launchRound');
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
        ...(launch.approvalReminderEveryDays ? { approvalReminderEveryDays: launch.approvalReminderEveryDays } : {}),
        approvalChain: launch.approvalChain,
      };
      const round = { deadline, settings, municipalities, recorded: false, started: false };
      state.round = round;
      state.meetings = launch.meetings;
      const hardStopAt = new Date(hardStop(deadline, launch.hardStopDaysAfterDeadline)).toISOString();
      upsertSearchAttributes([{ key: SA.municipalDeadline, value: new Date(endOfDay(deadline)) }]);
      const ack = await ctx.write(
        {
          kind: 'round_launched',
          by,
          note: `${municipalities.length} kommuner, frist ${deadline}`,
          facts: [
            {
              type: 'round',
              cuVersion: state.cu.version,
              deadline,
              settings,
              addresses: launch.addresses,
              baseUrl: launch.baseUrl,
              contacts: launch.contacts,
              municipalities: municipalities.map((code) => ({ code, deadline, hardStopAt })),
            },
          ],
        },
        ctx.move('reporting', by),
      );
      round.recorded = true;
      // Answers once every municipality's workflow runs: their pages and commands work from then on.
      await condition(() => round.started);
      return ack;
    },
  });

  onCommand(msg.extendRound, {
    check: ({ deadline }) => {
      ctx.inPhase('extendRound');
      ctx.roundRunning();
      check(deadline > ctx.round().deadline, `Den nye frist skal ligge efter den nuværende (${ctx.round().deadline})`);
      check(
        deadline <= state.cu.nationalDeadline,
        `Kommunernes frist skal ligge før den nationale frist (${state.cu.nationalDeadline}); flyt den først`,
      );
    },
    run: async ({ deadline, reason, by }) => {
      const round = ctx.round();
      round.deadline = deadline;
      upsertSearchAttributes([{ key: SA.municipalDeadline, value: new Date(endOfDay(deadline)) }]);
      const ack = await ctx.write({
        kind: 'round_extended',
        by,
        note: `${deadline}: ${reason}`,
        facts: [{ type: 'round_deadline', deadline }],
      });
      // Each municipality that still owes an answer moves its own deadline, timers and record.
      await Promise.all(round.municipalities.map((code) => ctx.signalMunicipality(code, shared.roundExtended, { deadline, reason, by })));
      return ack;
    },
  });

  onCommand(msg.changeRoundContacts, {
    check: ({ municipalityCode }) => {
      ctx.inPhase('changeRoundContacts');
      runningWith(municipalityCode);
    },
    run: async ({ municipalityCode, contacts, added, removed, by }) => {
      const people = contacts.contacts.map((c) => `${c.name} <${c.email}>`).join(', ');
      const ack = await ctx.write({
        kind: 'contacts_changed',
        by,
        municipalityCode,
        note: `${people}${removed.length ? `; fjernet: ${removed.join(', ')}` : ''}`,
        facts: [{ type: 'round_contacts', municipalityCode, contacts, removed }],
      });
      if (added.length) await ctx.signalMunicipality(municipalityCode, shared.contactsChanged, { addresses: added });
      return ack;
    },
  });

  onCommand(msg.resendToMunicipality, {
    check: ({ municipalityCode }) => {
      ctx.inPhase('resendToMunicipality');
      runningWith(municipalityCode);
    },
    run: async ({ municipalityCode, what, by }) => {
      state.resent += 1;
      const ack = await ctx.write({ kind: 'mail_resent', by, municipalityCode, note: RESENDABLE[what] });
      await ctx.signalMunicipality(municipalityCode, shared.resendMail, { what, n: state.resent });
      return ack;
    },
  });

  onCommand(msg.closeReporting, {
    check: () => {
      ctx.inPhase('closeReporting');
      check(!state.closeRequested, 'Indberetningen er ved at blive lukket');
    },
    run: ({ by }) => {
      state.closeRequested = true;
      return ctx.write({ kind: 'reporting_closed', by });
    },
  });

  onCommand(msg.restartRespondent, {
    check: ({ municipalityCode }) => {
      ctx.inPhase('restartRespondent');
      runningWith(municipalityCode);
      check(!state.roundSettled, 'Alle har svaret; indberetningen lukkes');
    },
    run: (command) => restartRespondent(ctx, command),
  });

  onCommand(msg.reopenMunicipality, {
    check: ({ municipalityCode, deadline }) => {
      ctx.inPhase('reopenMunicipality');
      check(ctx.round().municipalities.includes(municipalityCode), `${municipalityCode} var ikke med i indberetningen`);
      check(!state.reopened.includes(municipalityCode), 'Kommunen er allerede genåbnet');
      check(deadline > copenhagenDate(Date.now()), 'Den nye frist skal ligge efter i dag');
    },
    run: (command) => reopenMunicipality(ctx, command),
  });
  return { launchRound };
}
