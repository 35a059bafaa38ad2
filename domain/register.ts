// The secretariat's register: each municipality's contacts and social director, and the revocations
// of e-mailed access links.
import { municipalityCodeSchema, prose, z } from './zod';
import { PERSON_ID } from './actors';
import { ACCESS_ROLES, actorSchema, cuIdSchema, municipalContactsSchema, type Actor } from './cu';

export const setContactsSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema,
  contacts: municipalContactsSchema,
  by: actorSchema,
});
export type SetContacts = z.output<typeof setContactsSchema>;

/** Tokens issued before `before` that match every given field are refused from then on. */
export const revokeLinksBody = z.strictObject({
  cuId: cuIdSchema.optional(),
  municipalityCode: municipalityCodeSchema.optional(),
  role: z.enum(ACCESS_ROLES).optional(),
  jti: z.uuid('Ugyldigt link-id').optional(),
  personId: z.string().regex(PERSON_ID, 'Ugyldigt person-id').optional(),
  reason: prose(z.string().trim().max(500)).default(''),
});
export const revokeLinksSchema = revokeLinksBody.extend({ by: actorSchema });
export type RevokeLinks = z.output<typeof revokeLinksSchema>;

export interface Revocation extends Omit<RevokeLinks, 'by'> {
  /** Seconds since the epoch: tokens issued at or before this are revoked. */
  before: number;
  at: string;
  by: Actor;
}
