// A udmeld round driven by its people through the application, shared by the round benchmarks.
import type { Udmeld } from '../app';
import { REGION_COUNCIL } from '../domain/commands';
import { addDays, type IsoDate } from '../domain/time';
import { answerFor, AS_DIRECTOR, AS_SECRETARIAT, asContact } from '../fixtures/round';
import { sleep } from './measure';

/** Every municipality answers; resolves once the round has closed by itself. */
export async function answerAll(udmeld: Udmeld, cuId: string, codes: string[]): Promise<void> {
  for (const code of codes) await udmeld.submitAnswer(cuId, code, { values: answerFor(code) }, asContact(cuId, code));
  const phase = () => udmeld.db.selectFrom('cu').select('phase').where('id', '=', cuId).executeTakeFirstOrThrow();
  while ((await phase()).phase !== 'drafting') await sleep(20);
}

/** Forum, KKR and every council approve; the report is submitted. */
export async function approveAndSubmit(udmeld: Udmeld, cuId: string, codes: string[], today: IsoDate): Promise<void> {
  await udmeld.sendForApproval(cuId, AS_SECRETARIAT);
  await udmeld.recordStepDecision(cuId, 'forum', { decision: 'approved' }, AS_DIRECTOR);
  await udmeld.recordStepDecision(cuId, 'kkr', { decision: 'approved', date: today, councilDeadline: addDays(today, 30) }, AS_SECRETARIAT);
  for (const council of [...codes, REGION_COUNCIL])
    await udmeld.recordCouncilDecision(cuId, council, { decision: 'approved', date: today }, AS_SECRETARIAT);
  await udmeld.submitReport(cuId, AS_SECRETARIAT);
}
