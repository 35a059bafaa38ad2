// The secretariat's contact register (each municipality's contacts and social director, snapshotted
// into a round at launch) and the revocations of e-mailed access links.
import { addRevocation, importContacts, listContacts, setContacts, type RegisteredContacts } from '../db/queries/register';
import { MAX_IMPORT_BYTES, parseContactCsv } from '../domain/contact-import';
import { municipalContactsSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { RegionCode } from '../domain/municipalities';
import type { Caller } from '../domain/people';
import { revokeLinksBody, type Revocation } from '../domain/register';
import { municipalityCodeSchema, regionCodeSchema, z } from '../domain/zod';
import type { AppContext } from './context';

export const contactImportBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'Filen er tom')
    .max(MAX_IMPORT_BYTES, `Højst ${MAX_IMPORT_BYTES / 1000} kB`),
  regionCode: regionCodeSchema.optional(),
});
export { municipalContactsSchema, revokeLinksBody };

export function registerCommands(ctx: AppContext) {
  const { db } = ctx;
  return {
    contacts(caller: Caller): Promise<Record<string, RegisteredContacts>> {
      ctx.allow(caller, 'readContacts');
      return ctx.read('Kontaktregistret', () => listContacts(db));
    },

    async setContacts(code: string, contacts: z.input<typeof municipalContactsSchema>, caller: Caller): Promise<RegisteredContacts> {
      ctx.allow(caller, 'writeContacts');
      const municipalityCode = parseOrThrow(municipalityCodeSchema, code);
      const valid = parseOrThrow(municipalContactsSchema, contacts);
      return ctx.read('Kontaktregistret', () => setContacts(db, municipalityCode, valid, caller.actor));
    },

    /** The contact register from a CSV file as secretariats keep it: every municipality in it, or none. */
    async importContacts(input: { csv: string; regionCode?: RegionCode }, caller: Caller): Promise<{ municipalities: string[] }> {
      ctx.allow(caller, 'writeContacts');
      if (Buffer.byteLength(input.csv) > MAX_IMPORT_BYTES) {
        throw new UdmeldError('invalid_input', 'Filen er for stor', [{ path: 'csv', message: `Højst ${MAX_IMPORT_BYTES / 1000} kB` }]);
      }
      const { contacts, issues } = parseContactCsv(input.csv, input.regionCode);
      if (issues.length) throw new UdmeldError('invalid_input', 'Filen kunne ikke indlæses; intet er ændret', issues);
      return { municipalities: await ctx.read('Kontaktregistret', () => importContacts(db, contacts, caller.actor)) };
    },

    async revokeLinks(input: z.input<typeof revokeLinksBody>, caller: Caller): Promise<Revocation> {
      ctx.allow(caller, 'administerAccess');
      const revoke = parseOrThrow(revokeLinksBody, input);
      return ctx.read('Tilbagekaldelserne', () => addRevocation(db, { ...revoke, by: caller.actor }));
    },
  };
}
