// The contact register, and the outbox of e-mails kept when no SMTP server is set.
import { contactImportBody, municipalContactsSchema } from '../../app/register';
import type { Udmeld } from '../../app';
import { municipalityCodeSchema, z } from '../../domain/zod';
import { route, type Route } from '../route';

export function contactRoutes(app: Udmeld): Route[] {
  return [
    route('readContacts', {
      method: 'get',
      path: '/api/contacts',
      tag: 'Kontakter',
      summary: 'Kommunernes kontaktpersoner og socialdirektører',
      handle: ({ caller }) => app.contacts(caller),
    }),
    route('writeContacts', {
      method: 'put',
      path: '/api/contacts/:code',
      tag: 'Kontakter',
      summary: 'Sæt en kommunes kontaktpersoner og socialdirektørens adresse',
      params: z.strictObject({ code: municipalityCodeSchema }),
      body: municipalContactsSchema,
      handle: ({ params, body, caller }) => app.setContacts(params.code, body, caller),
    }),
    route('writeContacts', {
      method: 'post',
      path: '/api/contacts/import',
      tag: 'Kontakter',
      summary: 'Indlæs kontaktregistret fra CSV (én række pr. kontaktperson): alle kommuner i filen, eller ingen',
      body: contactImportBody,
      handle: ({ body, caller }) => app.importContacts(body, caller),
    }),
    route('readOutbox', {
      method: 'get',
      path: '/api/outbox',
      tag: 'E-mail',
      summary: 'Udbakken: de seneste e-mails, når der ikke er sat en mailserver op (SMTP_URL)',
      handle: ({ caller }) => app.outbox(caller),
    }),
    route('readOutbox', {
      method: 'get',
      path: '/api/outbox/:messageId',
      tag: 'E-mail',
      summary: 'Én e-mail fra udbakken som .eml (kan åbnes i et mailprogram)',
      params: z.strictObject({ messageId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      handle: ({ params, caller }) => app.outboxMessage(params.messageId, caller),
    }),
  ];
}
