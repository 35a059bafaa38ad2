// What every command shares: the fields people type (the same rules everywhere), what an Update
// answers, the councils, and the bodies of a municipality's commands (its workflow reads the same
// commands without zod: domain/municipality-commands.ts). A CU's commands are declared with their
// schemas in workflows/central-notice/messages.ts.
import { isoDateSchema, municipalityCodeSchema, prose, z } from './zod';
import { municipality } from './municipalities';
import type { CuAck, MunicipalityAck } from './views';

/** A comment someone must write (a revision, an excuse). */
export const comment = prose({ min: 1, max: 5000, tooShort: 'Skriv en kommentar' });
/** Remarks that may be left empty. */
export const remarks = prose({ max: 5000 }).default('');
/** Why something was done (an extension, a withdrawal, a re-opening). */
export const reason = prose({ min: 1, max: 2000, tooShort: 'Skriv en begrundelse' });

export type { CuAck, MunicipalityAck };

// A municipality's commands, as the API and the pages take them (the workflow adds who gives them).
export const answerBody = z.strictObject({ values: z.record(z.string(), z.unknown()) });
export const extendDeadlineBody = z.strictObject({ deadline: isoDateSchema, reason: prose({ max: 2000 }).default('') });
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
