// The round a schedule makes on a day: a CU from the template's newest version, due as the schedule
// says, launched to the respondents with the register's contacts, or registered but not launched
// when the register lacks some of them (the secretariat then launches it by hand).
import { startCuSchema, type Actor, type Addresses } from '../../domain/cu';
import type { ScheduledRound } from '../../workflows/activities';
import { scheduledCuId, scheduleId } from '../../domain/ids';
import { respondentName } from '../../domain/municipalities';
import { scheduledTitle, type RoundSchedule } from '../../domain/schedules';
import { addDays } from '../../domain/time';
import type { Queryable } from '../schema';
import { roundParts } from './round-launch';
import { readTemplate } from './templates';

export async function prepareScheduledRound(
  db: Queryable,
  schedule: RoundSchedule,
  on: string,
  round: { addresses: Addresses; baseUrl: string },
): Promise<ScheduledRound> {
  const id = scheduledCuId(schedule.templateId, on);
  if (await db.selectFrom('cu').select('id').where('id', '=', id).executeTakeFirst()) return { skipped: `${id} findes allerede` };
  const template = await readTemplate(db, schedule.templateId);
  if (!template) return { skipped: `Skabelonen ${schedule.templateId} findes ikke` };
  const by: Actor = { role: 'system', name: `Tidsplan: ${template.name}` };
  const cu = {
    id,
    title: scheduledTitle(schedule.title, on),
    targetGroup: schedule.targetGroup,
    legalBasis: 'Rammeaftalen',
    issuedOn: on,
    nationalDeadline: addDays(on, schedule.dueDays),
    regionCode: schedule.regionCode,
    questionnaire: template.questionnaire,
    process: template.process,
    template: { id: template.id, version: template.version },
  };
  const { missing, ...parts } = await roundParts(db, cu);
  const made = `Oprettet af tidsplanen ${scheduleId(schedule.templateId)} fra skabelonen "${template.name}" (version ${template.version})`;
  if (missing.length) {
    return {
      start: startCuSchema.parse({
        cu,
        by,
        note: `${made}. Ikke sendt ud: ${missing.map(respondentName).join(', ')} mangler kontaktpersoner.`,
      }),
    };
  }
  const launch = { ...parts, deadline: addDays(on, schedule.deadlineDays), addresses: round.addresses, baseUrl: round.baseUrl };
  const start = startCuSchema.safeParse({ cu, by, note: `${made}.`, launch });
  return start.success
    ? { start: start.data }
    : { skipped: `Runden kunne ikke oprettes: ${start.error.issues.map((i) => i.message).join('; ')}` };
}
