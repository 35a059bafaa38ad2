// Access: the local administrator's emergency sign-in, who am I and my sessions, and for the
// secretariat the people, the forum's members, service keys and personal links.
import { forumMemberBody, keyIdSchema, linkBody, personIdSchema, serviceKeyBody, sessionIdSchema } from '../../app/access-admin';
import { revokeLinksBody } from '../../app/register';
import { erasureBody, personalDataQuery } from '../../app/personal-data';
import { erasureResultSchema, personalDataSchema } from '../../domain/personal-data';
import type { Udmeld } from '../../app';
import type { SignIn } from '../../auth/sign-in';
import { accessFilterSchema } from '../../domain/audit';
import { UdmeldError, unauthorized } from '../../domain/errors';
import { z } from '../../domain/zod';
import { file, publicRoute, route, type Route } from '../route';
import { noBody } from './params';
import {
  breakGlassSessionSchema,
  endedSessionsSchema,
  meSchema,
  newLinkSchema,
  newServiceKeySchema,
  personListingSchema,
  personSchema,
  revokedKeySchema,
  serviceKeyListingSchema,
  sessionListingSchema,
} from '../../domain/access-views';
import { MEDIA } from '../../app/downloads';
import { revocationSchema } from '../../domain/register';
import { auditEventSchema } from '../../domain/views';

const TAG = 'Adgang';
const personParams = z.strictObject({ personId: personIdSchema });

export function accessRoutes(app: Udmeld, signIn: SignIn): Route[] {
  return [
    publicRoute({
      method: 'post',
      path: '/api/auth/break-glass',
      tag: TAG,
      summary:
        'Nødadgang: den lokale administrator logger ind med BREAK_GLASS_CREDENTIAL (slået fra, medmindre den er sat) og får en session',
      body: z.strictObject({ credential: z.string().min(1).max(500) }),
      example: { credential: 'den-lokale-administrators-kode' },
      response: breakGlassSessionSchema,
      async handle({ body }) {
        if (!signIn.breakGlass) throw new UdmeldError('not_found', 'Nødadgang er ikke slået til');
        const session = await signIn.signInBreakGlass(body.credential, 'API');
        if (!session) throw unauthorized('Forkert nødadgangskode');
        return { token: session.token, sessionId: session.id, expiresAt: session.expiresAt };
      },
    }),
    route('me', {
      method: 'get',
      path: '/api/me',
      tag: TAG,
      summary: 'Hvem er jeg, og hvad giver min adgang',
      response: meSchema,
      handle: ({ caller }) => app.me(caller),
    }),
    route('ownSessions', {
      method: 'get',
      path: '/api/me/sessions',
      tag: TAG,
      summary: 'Mine aktive sessioner (hvor jeg er logget ind)',
      response: z.array(sessionListingSchema),
      handle: ({ caller }) => app.mySessions(caller),
    }),
    route('ownSessions', {
      method: 'post',
      path: '/api/me/sessions/revoke',
      tag: TAG,
      summary: 'Log ud: én session (sessionId), eller alle mine sessioner ("log ud alle steder")',
      body: z.strictObject({ sessionId: sessionIdSchema.optional() }),
      example: { sessionId: 'k3x9m2q7w4e8r1t5' },
      response: endedSessionsSchema,
      handle: ({ body, caller }) => app.endMySessions(caller, body.sessionId ? { sessionId: body.sessionId } : 'all'),
    }),
    route('ownCalendar', {
      method: 'get',
      path: '/api/me/calendar',
      tag: TAG,
      summary: 'Min kalenderadresse (frister og møder som iCalendar): om jeg har en, hvornår den blev oprettet og senest hentet',
      response: z.object({ active: z.object({ createdAt: z.string(), lastUsedAt: z.string().optional() }).optional() }),
      handle: ({ caller }) => app.myCalendarFeed(caller),
    }),
    route('ownCalendar', {
      method: 'post',
      path: '/api/me/calendar',
      tag: TAG,
      summary:
        'Lav en ny kalenderadresse (vises kun denne ene gang); den gamle holder op med at virke. Adressen giver iCalendar uden log ind',
      body: noBody,
      created: true,
      response: z.object({ url: z.string(), webcal: z.string() }),
      handle: ({ caller }) => app.createMyCalendarFeed(caller),
    }),
    route('ownCalendar', {
      method: 'post',
      path: '/api/me/calendar/revoke',
      tag: TAG,
      summary: 'Tilbagekald min kalenderadresse',
      body: noBody,
      response: z.object({ revoked: z.number() }),
      handle: ({ caller }) => app.revokeMyCalendarFeed(caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/people',
      tag: TAG,
      summary: 'Alle personer med adgang: dem, der logger ind, kommunernes kontaktpersoner og socialdirektører, forummets medlemmer',
      response: z.array(personListingSchema),
      handle: ({ caller }) => app.people(caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/people',
      tag: TAG,
      summary: 'Tilføj et medlem af Socialdirektørforum (får sit eget link, når forummet skal godkende)',
      body: forumMemberBody,
      example: { name: 'Dorte Direktør', email: 'dorte.direktor@kommune.dk' },
      created: true,
      response: personSchema,
      handle: ({ body, caller }) => app.addForumMember(body, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/people/:personId/revoke',
      tag: TAG,
      summary: 'Spær en person: personens links og sessioner holder op med at virke med det samme',
      params: personParams,
      body: noBody,
      response: personSchema,
      handle: ({ params, caller }) => app.revokePerson(params.personId, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/people/:personId/reinstate',
      tag: TAG,
      summary: 'Genåbn en spærret person (gamle links forbliver ugyldige, hvis de er tilbagekaldt)',
      params: personParams,
      body: noBody,
      response: personSchema,
      handle: ({ params, caller }) => app.reinstatePerson(params.personId, caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/people/:personId/sessions',
      tag: TAG,
      summary: 'En persons aktive sessioner',
      params: personParams,
      response: z.array(sessionListingSchema),
      handle: ({ params, caller }) => app.sessionsOf(params.personId, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/people/:personId/sessions/revoke',
      tag: TAG,
      summary: 'Log en person ud alle steder',
      params: personParams,
      body: noBody,
      response: endedSessionsSchema,
      handle: ({ params, caller }) => app.endSessionsOf(params.personId, caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/service-keys',
      tag: TAG,
      summary: 'Integrationsnøgler med deres tilladelser og seneste brug (nøglerne selv gemmes ikke)',
      response: z.array(serviceKeyListingSchema),
      handle: ({ caller }) => app.serviceKeys(caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/service-keys',
      tag: TAG,
      summary: 'Opret en integrationsnøgle til fx et sags- eller dagsordenssystem; nøglen vises kun denne ene gang',
      body: serviceKeyBody,
      example: { name: 'Dagsordenssystem', scopes: ['read', 'step:decide'] },
      created: true,
      response: newServiceKeySchema,
      handle: ({ body, caller }) => app.createServiceKey(body, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/service-keys/:keyId/revoke',
      tag: TAG,
      summary: 'Tilbagekald en integrationsnøgle',
      params: z.strictObject({ keyId: keyIdSchema }),
      body: noBody,
      response: revokedKeySchema,
      handle: ({ params, caller }) => app.revokeServiceKey(params.keyId, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/links',
      tag: TAG,
      summary: 'Lav et nyt personligt link til en af kommunens kontaktpersoner eller et medlem af Socialdirektørforum',
      body: linkBody,
      example: { role: 'municipality', cuId: 'cu-2026-spiseforstyrrelser', municipalityCode: '0461', email: 'kontakt@odense.dk' },
      response: newLinkSchema,
      handle: ({ body, caller }) => app.newLink(body, caller),
    }),
    route('administerAccess', {
      method: 'post',
      path: '/api/links/revoke',
      tag: TAG,
      summary: 'Tilbagekald udsendte links (fx for en kommune i en central udmelding)',
      body: revokeLinksBody,
      example: { cuId: 'cu-2026-spiseforstyrrelser', municipalityCode: '0461', reason: 'Kontaktpersonen er fratrådt' },
      response: revocationSchema,
      handle: ({ body, caller }) => app.revokeLinks(body, caller),
    }),
    route('personalData', {
      method: 'post',
      path: '/api/personal-data/export',
      tag: TAG,
      summary:
        'Indsigt (art. 15): alt, registreringen har om personen med e-mailadressen: personer, sessioner, kontaktregistret, runder, handlinger og e-mails (adressen i brødteksten, så den ikke står i logge)',
      body: personalDataQuery,
      example: { email: 'kontakt@kommune.dk' },
      response: personalDataSchema,
      handle: ({ body, caller }) => app.exportPersonalData(body, caller),
    }),
    route('personalData', {
      method: 'post',
      path: '/api/personal-data/erasure',
      tag: TAG,
      summary:
        'Sletning (art. 17): personen erstattes af et pseudonym ("en kontaktperson i Odense Kommune") overalt i registreringen; afvist (409), mens personen er spurgt i en åben runde',
      body: erasureBody,
      example: { email: 'kontakt@kommune.dk', reason: 'Anmodning af 1. december' },
      response: erasureResultSchema,
      handle: ({ body, caller }) => app.erasePersonalData(body, caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/access/audit',
      tag: TAG,
      summary: 'Adgangssporet: log ind og ud, afsluttede sessioner, spærrede og genåbnede personer, oprettede og tilbagekaldte nøgler',
      query: accessFilterSchema,
      response: z.array(auditEventSchema),
      handle: ({ query, caller }) => app.accessTrail(query, caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/access/audit.csv',
      tag: TAG,
      summary: 'Adgangssporet som CSV med semikolon',
      query: accessFilterSchema,
      response: file(MEDIA.csv),
      handle: ({ query, caller }) => app.accessTrailCsv(query, caller),
    }),
    route('administerAccess', {
      method: 'get',
      path: '/api/access/audit.xlsx',
      tag: TAG,
      summary: 'Adgangssporet som Excel-ark',
      query: accessFilterSchema,
      response: file(MEDIA.xlsx),
      handle: ({ query, caller }) => app.accessTrailXlsx(query, caller),
    }),
  ];
}
