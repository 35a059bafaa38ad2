// What every command shares: the fields people type (the same rules everywhere), what an Update
// answers, the councils, and the bodies of a municipality's commands (its workflow reads the same
// commands without zod: domain/municipality-commands.ts). A CU's commands are declared with their
// schemas in workflows/central-notice/messages.ts.
import { isoDateSchema, municipalityCodeSchema, prose, z } from './zod';
import { municipality } from './municipalities';
import type { CuPhase } from './cu-process';
import type { MunicipalityStatus } from './municipality-process';
import type { EventKind } from './record';
import type { IsoDate } from './time';

/** A comment someone must write (a revision, an excuse). */
export const comment = prose(z.string().trim().min(1, 'Skriv en kommentar').max(5000));
/** Remarks that may be left empty. */
export const remarks = prose(z.string().trim().max(5000)).default('');
/** Why something was done (an extension, a withdrawal, a re-opening). */
export const reason = prose(z.string().trim().min(1, 'Skriv en begrundelse').max(2000));

/** What an Update on a CU answers: the phase after it, and the event it recorded. */
export interface CuAck {
  cuId: string;
  phase: CuPhase;
  event: { kind: EventKind; at: string };
}

/** What an Update on a municipality answers. */
export interface MunicipalityAck {
  cuId: string;
  code: string;
  status: MunicipalityStatus;
  deadline: IsoDate;
  answerVersion: number;
  event: { kind: EventKind; at: string };
}

// A municipality's commands, as the API and the pages take them (the workflow adds who gives them).
export const answerBody = z.strictObject({ values: z.record(z.string(), z.unknown()) });
export const extendDeadlineBody = z.strictObject({ deadline: isoDateSchema, reason: prose(z.string().trim().max(2000)).default('') });
export const requestRevisionBody = z.strictObject({ comment, deadline: isoDateSchema.optional() });
export const excuseBody = z.strictObject({ reason: comment });

export const REGION_COUNCIL = 'region';

/** A council by its id, as pages and e-mails name it: a municipality's council, or the region's. */
export function councilName(id: string, regionName: string): string {
  return id === REGION_COUNCIL ? `Regionsrådet, ${regionName}` : `${municipality(id).name} Kommunes kommunalbestyrelse`;
}
export const councilIdSchema = z.union([z.literal(REGION_COUNCIL), municipalityCodeSchema]);

/** An invitation or a reminder sent again by hand (a contact lost it, or it went to spam). */
export const RESENDABLE = { invitation: 'Invitationen', reminder: 'En påmindelse' } as const;
