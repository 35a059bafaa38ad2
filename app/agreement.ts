// Temporal and the record agree (activities/agreement.ts compares): reported with the last restore's
// trace of what happened after its backup, and the last scheduled check; repaired where it is safe
// (the secretariat's button), and otherwise said in words a person can act on.
import { compareWithTemporal, repairSafe } from '../activities/agreement';
import { lastScheduledCheck, openWork } from '../db/queries/open-work';
import { lastRestore } from '../db/queries/restore';
import type { AgreementReport } from '../domain/agreement';
import type { Caller } from '../domain/people';
import type { AppContext } from './context';

export function agreementCommands(ctx: AppContext) {
  const { client, db } = ctx;
  const check = async (repair?: Caller): Promise<AgreementReport> => {
    const [open, restored, scheduled] = await ctx.read('Registreringen', () =>
      Promise.all([openWork(db), lastRestore(db), lastScheduledCheck(db)]),
    );
    // Each workflow within the call timeout of its own: a check of hundreds takes longer than one call may.
    const compared = await compareWithTemporal(client, open, ctx.config.temporalCallTimeoutMs);
    const { respondents } = compared;
    const disagreements = repair
      ? await ctx.call('Temporal', () => repairSafe(client, open, compared.disagreements, repair.actor))
      : compared.disagreements;
    return {
      checkedAt: new Date().toISOString(),
      ...(restored ? { lastRestore: restored } : {}),
      ...(scheduled ? { lastScheduled: { checkedAt: scheduled.checkedAt, disagreements: scheduled.disagreements.length } } : {}),
      cus: open.length,
      respondents,
      disagreements,
    };
  };
  return {
    async checkAgreement(caller: Caller): Promise<AgreementReport> {
      ctx.allow(caller, 'checkAgreement');
      return check();
    },
    /** The check, repairing what is safe to repair on the way (activities/agreement.ts says what). */
    async repairAgreement(caller: Caller): Promise<AgreementReport> {
      ctx.allow(caller, 'repairAgreement');
      return check(caller);
    },
  };
}
