// What a round is launched with, from the record as it is now: the respondents (the region's, and the
// region itself where the round's process asks it), a snapshot of their contacts in the register, and
// the approval chain of the round's process or else the region's. The secretariat's launch and a
// schedule's use the same.
import { roundChain, type ApprovalStep } from '../../domain/approval-chain';
import type { CuProcess, MunicipalContacts } from '../../domain/cu';
import { roundRespondents, type RegionCode } from '../../domain/municipalities';
import type { Queryable } from '../schema';
import { listContacts } from './register';
import { upcomingChainMeetings } from './meetings';
import type { ChainMeeting } from '../../domain/meetings';
import { copenhagenDate } from '../../domain/time';

export interface RoundParts {
  municipalities: string[];
  contacts: Record<string, MunicipalContacts>;
  approvalChain: ApprovalStep[];
  meetings: ChainMeeting[];
  /** Respondents the register has no contacts for (the round cannot be launched to them). */
  missing: string[];
}

export async function roundParts(
  db: Queryable,
  cu: { regionCode: RegionCode; process: CuProcess },
  chosen: { municipalities?: string[]; approvalChain?: ApprovalStep[] } = {},
): Promise<RoundParts> {
  const municipalities = roundRespondents(cu, chosen.municipalities);
  const [register, meetings] = await Promise.all([listContacts(db), upcomingChainMeetings(db, cu.regionCode, copenhagenDate(Date.now()))]);
  const contacts = Object.fromEntries(
    municipalities.flatMap((code) => {
      const registered = register[code];
      return registered ? [[code, { contacts: registered.contacts, directorEmail: registered.directorEmail }]] : [];
    }),
  );
  return {
    municipalities,
    contacts,
    approvalChain: roundChain(cu, chosen.approvalChain),
    meetings,
    missing: municipalities.filter((code) => !register[code]),
  };
}
