// The contact register, and the outbox of e-mails kept when no SMTP server is set.
import { contactImportBody, municipalContactsSchema } from '../../app/register';
import type { Udmeld } from '../../app';
import { municipalityCodeSchema, z } from '../../domain/zod';
import { file, route, type Route } from '../route';
import { MEDIA } from '../../app/downloads';
import { registeredContactsSchema } from '../../domain/register';
import { outboxEntrySchema } from '../../domain/views';

export function contactRoutes(app: Udmeld): Route[] {
  return [
    route('readContacts', {
      method: 'get',
      path: '/api/contacts',
      tag: 'Kontakter',
      summary: 'Kommunernes kontaktpersoner og socialdirektører',
      response: z.record(z.string(), registeredContactsSchema),
      handle: ({ caller }) => app.contacts(caller),
    }),
    route('writeContacts', {
      method: 'put',
      path: '/api/contacts/:code',
      tag: 'Kontakter',
      summary: 'Sæt en kommunes kontaktpersoner og socialdirektørens adresse',
      params: z.strictObject({ code: municipalityCodeSchema }),
      body: municipalContactsSchema,
      example: { contacts: [{ name: 'Karen Kontakt', email: 'karen@odense.dk' }], directorEmail: 'direktor@odense.dk' },
      response: registeredContactsSchema,
      handle: ({ params, body, caller }) => app.setContacts(params.code, body, caller),
    }),
    route('writeContacts', {
      method: 'post',
      path: '/api/contacts/import',
      tag: 'Kontakter',
      summary: 'Indlæs kontaktregistret fra CSV (én række pr. kontaktperson): alle kommuner i filen, eller ingen',
      body: contactImportBody,
      example: { csv: 'Kommunekode;Navn;E-mail;Socialdirektør\n0461;Karen Kontakt;karen@odense.dk;direktor@odense.dk', regionCode: '1083' },
      response: z.object({ municipalities: z.array(z.string()) }),
      handle: ({ body, caller }) => app.importContacts(body, caller),
    }),
    route('readOutbox', {
      method: 'get',
      path: '/api/outbox',
      tag: 'E-mail',
      summary: 'Udbakken: de seneste e-mails, når der ikke er sat en mailserver op (SMTP_URL)',
      response: z.array(outboxEntrySchema),
      handle: ({ caller }) => app.outbox(caller),
    }),
    route('readOutbox', {
      method: 'get',
      path: '/api/outbox/:messageId',
      tag: 'E-mail',
      summary: 'Én e-mail fra udbakken som .eml (kan åbnes i et mailprogram)',
      params: z.strictObject({ messageId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      response: file(MEDIA.eml),
      handle: ({ params, caller }) => app.outboxMessage(params.messageId, caller),
    }),
  ];
}
