// The secretariat's register: each municipality's contacts and social director, and the revocations
// of e-mailed access links.
import { municipalityCodeSchema, prose, z } from './zod';
import { PERSON_ID } from './actors';
import { ACCESS_ROLES, actorSchema, cuIdSchema, municipalContactsSchema } from './cu';

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
  reason: prose({ max: 500 }).default(''),
});
export const revokeLinksSchema = revokeLinksBody.extend({ by: actorSchema });
export type RevokeLinks = z.output<typeof revokeLinksSchema>;

export const revocationSchema = revokeLinksBody.extend({
  /** Seconds since the epoch: tokens issued at or before this are revoked. */
  before: z.number(),
  at: z.string(),
  by: actorSchema,
});
export type Revocation = z.output<typeof revocationSchema>;

/** A municipality's contacts in the register, with who put them there and when. */
export const registeredContactsSchema = municipalContactsSchema.extend({ updatedAt: z.string(), updatedBy: actorSchema });
export type RegisteredContacts = z.output<typeof registeredContactsSchema>;
