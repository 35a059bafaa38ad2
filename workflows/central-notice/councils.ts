// The political treatment: every council and the regional council, in parallel, each with its
// own deadline and reminders; a council that never decides is recorded as "no decision".
import { afterCouncils } from '../../domain/approval-chain';
import { REGION_COUNCIL } from '../../domain/commands';
import { SYSTEM } from '../../domain/cu';
import { hardStop, type DueReminder } from '../../domain/reminders';
import { overdueDays } from '../../domain/time';
import { waitForPeople } from '../wait-for-people';
import type { CuContext } from './context';

export async function awaitCouncils(ctx: CuContext): Promise<void> {
  const { state, mail } = ctx;
  const { settings } = ctx.round();
  await Promise.all(
    Object.values(state.councils).map(async (council) => {
      const id = council.council;
      const about = id === REGION_COUNCIL ? { to: ['region' as const] } : { to: ['contacts' as const], municipalityCode: id };
      const sent = new Set<string>();
      void mail.send(`council:${id}`, { template: 'council_request', ...about, data: { council: id, deadline: council.deadline } });
      const outcome = await waitForPeople({
        done: () => council.status !== 'pending',
        window: () => ({
          deadline: council.deadline,
          plan: settings.councilReminders,
          escalate: false,
          plannedSince: Date.parse(council.deadlineSetAt),
          until: hardStop(council.deadline, settings.councilHardStopDaysAfterDeadline),
        }),
        sent,
        remind: (due: DueReminder) => {
          sent.add(due.key);
          const days = due.kind === 'before' ? due.days : overdueDays(council.deadline, Date.now());
          void mail.send(`council:${id}:${due.key}`, {
            template: 'council_reminder',
            ...about,
            data: { council: id, deadline: council.deadline, days, overdue: due.kind !== 'before' },
            reminder: `council:${id}:${due.key}`,
          });
        },
      });
      if (outcome === 'timed_out') {
        council.status = 'no_decision';
        await ctx.write({ kind: 'council_no_decision', by: SYSTEM, note: id, facts: [{ type: 'councils', councils: [{ ...council }] }] });
      }
    }),
  );
  await ctx.write(ctx.move(afterCouncils(state.cu.process), SYSTEM));
}
