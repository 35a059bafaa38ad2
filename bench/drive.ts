// A udmeld round driven by its people through the client, shared by the round benchmarks.
import type { Udmeld } from '../client/udmeld';
import { REGION_COUNCIL } from '../domain/commands';
import { addDays, type IsoDate } from '../domain/time';
import * as msg from '../workflows/messages';
import { answerFor, contactActor, DIRECTOR, SECRETARIAT } from '../fixtures/round';
import { sleep } from './measure';

/** Every municipality answers; resolves once the round has closed by itself. */
export async function answerAll(udmeld: Udmeld, cuId: string, codes: string[]): Promise<void> {
  for (const code of codes)
    await udmeld.municipalityUpdate(cuId, code, msg.submitAnswer, {
      municipalityCode: code,
      values: answerFor(code),
      by: contactActor(code),
    });
  const phase = () => udmeld.db.selectFrom('cu').select('phase').where('id', '=', cuId).executeTakeFirstOrThrow();
  while ((await phase()).phase !== 'drafting') await sleep(20);
}

/** Forum, KKR and every council approve; the report is submitted. */
export async function approveAndSubmit(udmeld: Udmeld, cuId: string, codes: string[], today: IsoDate): Promise<void> {
  await udmeld.cuUpdate(cuId, msg.sendToForum, { by: SECRETARIAT });
  await udmeld.cuUpdate(cuId, msg.recordForumDecision, { decision: 'approved', by: DIRECTOR });
  await udmeld.cuUpdate(cuId, msg.recordKkrDecision, {
    decision: 'approved',
    date: today,
    councilDeadline: addDays(today, 30),
    by: SECRETARIAT,
  });
  for (const council of [...codes, REGION_COUNCIL])
    await udmeld.cuUpdate(cuId, msg.recordCouncilDecision, { council, decision: 'approved', date: today, by: SECRETARIAT });
  await udmeld.cuUpdate(cuId, msg.submitReport, { by: SECRETARIAT });
}
