// A CU with a launched round written straight to a record, for tests of what reads it (the mailer).
import { record } from '../../db/record';
import type { Db } from '../../db/schema';
import type { MunicipalContacts } from '../../domain/cu';
import { ADDRESSES, SECRETARIAT, startCu } from './fixtures';

export async function seedRound(db: Db, cuId: string, contacts: Record<string, MunicipalContacts>, deadline = '2026-03-01'): Promise<void> {
  const { cu } = startCu(cuId);
  const at = '2026-01-15T09:00:00.000Z';
  const definition = { ...cu, legalBasis: cu.legalBasis!, regionCode: cu.regionCode!, questionnaire: cu.questionnaire! };
  const settings = { reminders: { daysBefore: [14, 7, 2], overdueEveryDays: 3 }, hardStopDaysAfterDeadline: 30, councilReminders: { daysBefore: [7, 2], overdueEveryDays: 7 }, councilHardStopDaysAfterDeadline: 60, approvalReminderEveryDays: 14 };
  await record(db, [
    { key: `seed:${cuId}#1`, seq: 1, at, cuId, kind: 'registered', by: SECRETARIAT, facts: [{ type: 'cu_version', version: 1, definition }] },
    {
      key: `seed:${cuId}#2`,
      seq: 2,
      at,
      cuId,
      kind: 'round_launched',
      by: SECRETARIAT,
      facts: [
        { type: 'round', cuVersion: 1, deadline, settings, addresses: ADDRESSES, baseUrl: 'http://udmeld.test', contacts, municipalities: Object.keys(contacts).map((code) => ({ code, deadline, hardStopAt: '2026-04-01T22:00:00.000Z' })) },
        { type: 'phase', phase: 'reporting' },
      ],
    },
  ]);
}
