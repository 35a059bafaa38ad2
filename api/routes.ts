// Every API route in one table: the Express handlers and the OpenAPI document are both made from it.
import { renewalRequestBody, type Udmeld } from '../client/udmeld';
import {
  addForumMember,
  createServiceKey,
  endSessionsOf,
  forumMemberBody,
  keyIdParams,
  linkBody,
  linkPerson,
  personIdParams,
  reinstate,
  revoke,
  revokeKey,
  serviceKeyBody,
} from '../auth/admin';
import { linkSigner } from '../auth/links';
import type { SignIn } from '../auth/sign-in';
import { listOutbox, outboxMessage } from '../db/queries/mail';
import { listPeople, listServiceKeys, listSessions, revokeSessions, accessEvent } from '../db/queries/people';
import type { ServiceKeyScope } from '../domain/people';
import { signingKeysOf, type Config } from '../config';
import {
  answerBody,
  councilDecisionBody,
  councilIdSchema,
  editReportBody,
  excuseBody,
  extendCouncilDeadlineBody,
  extendDeadlineBody,
  extendRoundBody,
  forumDecisionBody,
  kkrDecisionBody,
  moveNationalDeadlineBody,
  reopenMunicipalityBody,
  resendBody,
  withdrawBody,
  requestRevisionBody,
  stepDecisionBody,
} from '../domain/commands';
import { GENERIC_STEPS, type GenericStep } from '../domain/approval-chain';
import type { CuPhase } from '../domain/cu-process';
import {
  ACCESS_ROLES,
  addressesSchema,
  approvalChainSchema,
  cuDefinitionSchema,
  cuIdSchema,
  municipalContactsSchema,
  reminderPlanSchema,
  type AccessRole,
} from '../domain/cu';
import { revokeLinksBody } from '../domain/register';
import { isoDateSchema, municipalityCodeSchema, regionCodeSchema, z } from '../domain/zod';
import * as msg from '../workflows/messages';
import type { Caller } from './access';
import { forDirectors } from './directors-view';
import { HttpProblem } from './problems';
import { answersCsv, answersXlsx, csvSheets, XLSX } from '../report/answers-export';
import { auditFilterSchema } from '../domain/audit';
import { MAX_IMPORT_BYTES } from '../domain/contact-import';
import { auditCsv, auditXlsx } from '../report/audit-export';
import { DOCX, reportDocx } from '../report/docx';
import { REPORT_STYLE, reportHtml } from '../report/html';
import { reportModel } from '../report/model';

export interface RouteContext {
  caller?: Caller;
  params: Record<string, string>;
  body: unknown;
  query: Record<string, unknown>;
  /** From the Idempotency-Key header: a repeated request with the same key takes effect once. */
  updateId?: string;
}

export interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  tag: string;
  summary: string;
  /** `public` needs no token; a municipality may only act on its own `:cuId` and `:code`/`:council`. */
  roles: AccessRole[] | 'public';
  /** What a service key needs to call this route; a route without one is for people only. */
  scope?: ServiceKeyScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  idempotent?: boolean;
  created?: boolean;
  handle(ctx: RouteContext & { params: never; body: never; query: never }): Promise<unknown>;
}

/** A file to send instead of JSON. */
export class Download {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly body: Buffer | string,
    /** Shown in the browser rather than saved. */
    readonly inline = false,
    /** Stylesheets the document carries inline (allowed by their hash). */
    readonly inlineStyles: string[] = [],
  ) {}
}

export interface RouteDeps {
  udmeld: Udmeld;
  config: Config;
  signIn: SignIn;
}

const cuParams = z.strictObject({ cuId: cuIdSchema });
const municipalityParams = z.strictObject({ cuId: cuIdSchema, code: municipalityCodeSchema });
const councilParams = z.strictObject({ cuId: cuIdSchema, council: councilIdSchema });

const launchBody = z.strictObject({
  municipalities: z.array(municipalityCodeSchema).min(1).max(98).optional(),
  deadline: isoDateSchema,
  reminders: reminderPlanSchema.optional(),
  hardStopDaysAfterDeadline: z.number().int().min(1).max(365).optional(),
  councilReminders: reminderPlanSchema.optional(),
  councilHardStopDaysAfterDeadline: z.number().int().min(1).max(365).optional(),
  approvalReminderEveryDays: z.number().int().min(1).max(90).optional(),
  /** The steps after the secretariat's draft, in order; the region's default when left out (Syddanmark: fu, forum, k22, kkr). */
  approvalChain: approvalChainSchema.optional(),
  addresses: addressesSchema.partial().optional(),
});

const reportQuery = z.strictObject({ beskyttet: z.enum(['ja', 'nej']).optional() });

/** From the councils' treatment on, a municipality may read the approved report. */
const COUNCILS_SEE_REPORT: readonly CuPhase[] = ['political', 'ready', 'submitted'];

const contactImportBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'Filen er tom')
    .max(MAX_IMPORT_BYTES, `Højst ${MAX_IMPORT_BYTES / 1000} kB`),
  regionCode: regionCodeSchema.optional(),
});

const sessionParams = z.strictObject({ sessionId: z.string().regex(/^[a-z0-9]{16}$/, 'Ugyldigt session-id') });
const endMySessionsBody = z.strictObject({ sessionId: sessionParams.shape.sessionId.optional() });

export function routes({ udmeld, config, signIn }: RouteDeps): Route[] {
  const by = (ctx: RouteContext) => ctx.caller!.actor;
  const withBy = (ctx: RouteContext) => ({ ...(ctx.body as object), by: by(ctx) });
  const p = (ctx: RouteContext) => ctx.params as Record<string, string>;
  /** The body as the route's own schema has already parsed it. */
  const bodyOf = <S extends z.ZodType>(ctx: RouteContext, _schema: S) => ctx.body as z.output<S>;
  const signLink = linkSigner(signingKeysOf(config), config.auth.links);
  // Everything that leaves the secretariat protects small numbers; the secretariat may ask for it.
  const thresholdFor = (ctx: RouteContext) =>
    ctx.caller!.role !== 'secretariat' || (ctx.query as { beskyttet?: string }).beskyttet === 'ja'
      ? config.smallNumberThreshold
      : undefined;

  /** The report as approved for the councils, small numbers protected. */
  const approvedReport = async (cuId: string) => {
    const state = await udmeld.status(cuId, { answers: false });
    if (!COUNCILS_SEE_REPORT.includes(state.phase))
      throw new HttpProblem(409, 'Handlingen er ikke mulig nu', 'Afrapporteringen er ikke godkendt til politisk behandling endnu');
    const docx = await reportDocx(reportModel(state, { threshold: config.smallNumberThreshold }));
    return new Download(DOCX, `afrapportering-${state.cu.id}.docx`, docx);
  };

  return [
    {
      method: 'post',
      path: '/api/auth/break-glass',
      tag: 'Adgang',
      summary:
        'Nødadgang: den lokale administrator logger ind med BREAK_GLASS_CREDENTIAL (slået fra, medmindre den er sat) og får en session',
      roles: 'public',
      body: z.strictObject({ credential: z.string().min(1).max(500) }),
      async handle(ctx) {
        if (!signIn.breakGlass) throw new HttpProblem(404, 'Findes ikke', 'Nødadgang er ikke slået til');
        const session = await signIn.signInBreakGlass((ctx.body as { credential: string }).credential, 'API');
        if (!session) throw new HttpProblem(401, 'Adgang kræver login', 'Forkert nødadgangskode');
        return { token: session.token, sessionId: session.id, expiresAt: session.expiresAt };
      },
    },
    {
      method: 'get',
      path: '/api/me',
      tag: 'Adgang',
      summary: 'Hvem er jeg, og hvad giver min adgang',
      roles: [...ACCESS_ROLES],
      scope: 'read',
      async handle(ctx) {
        const { role, actor, via, cu, m, expiresAt, scopes, sessionId } = ctx.caller!;
        return {
          role,
          name: actor.name,
          email: actor.email,
          personId: actor.personId,
          keyId: actor.keyId,
          via,
          cuId: cu,
          municipalityCode: m,
          expiresAt,
          sessionId,
          scopes,
        };
      },
    },
    {
      method: 'get',
      path: '/api/me/sessions',
      tag: 'Adgang',
      summary: 'Mine aktive sessioner (hvor jeg er logget ind)',
      roles: [...ACCESS_ROLES],
      handle: async (ctx) => (ctx.caller!.personId ? listSessions(udmeld.db, ctx.caller!.personId) : []),
    },
    {
      method: 'post',
      path: '/api/me/sessions/revoke',
      tag: 'Adgang',
      summary: 'Log ud: én session (sessionId), eller alle mine sessioner ("log ud alle steder")',
      roles: [...ACCESS_ROLES],
      body: endMySessionsBody,
      async handle(ctx) {
        const caller = ctx.caller!;
        if (!caller.personId) throw new HttpProblem(409, 'Ikke muligt lige nu', 'Kun personer har sessioner');
        const { sessionId } = bodyOf(ctx, endMySessionsBody);
        const ended = await revokeSessions(udmeld.db, caller.personId, sessionId);
        await accessEvent(
          udmeld.db,
          sessionId ? 'signed_out' : 'sessions_revoked',
          caller.actor,
          sessionId ? 'Log ud' : 'Log ud alle steder',
        );
        return { ended };
      },
    },
    {
      method: 'get',
      path: '/api/people',
      tag: 'Adgang',
      summary: 'Alle personer med adgang: dem, der logger ind, kommunernes kontaktpersoner og socialdirektører, forummets medlemmer',
      roles: ['secretariat'],
      handle: () => listPeople(udmeld.db),
    },
    {
      method: 'post',
      path: '/api/people',
      tag: 'Adgang',
      summary: 'Tilføj et medlem af Socialdirektørforum (får sit eget link, når forummet skal godkende)',
      roles: ['secretariat'],
      body: forumMemberBody,
      created: true,
      handle: (ctx) => addForumMember(udmeld.db, ctx.body, by(ctx)),
    },
    {
      method: 'post',
      path: '/api/people/:personId/revoke',
      tag: 'Adgang',
      summary: 'Spær en person: personens links og sessioner holder op med at virke med det samme',
      roles: ['secretariat'],
      params: personIdParams,
      body: z.strictObject({}),
      handle: (ctx) => revoke(udmeld.db, p(ctx).personId!, by(ctx)),
    },
    {
      method: 'post',
      path: '/api/people/:personId/reinstate',
      tag: 'Adgang',
      summary: 'Genåbn en spærret person (gamle links forbliver ugyldige, hvis de er tilbagekaldt)',
      roles: ['secretariat'],
      params: personIdParams,
      body: z.strictObject({}),
      handle: (ctx) => reinstate(udmeld.db, p(ctx).personId!, by(ctx)),
    },
    {
      method: 'get',
      path: '/api/people/:personId/sessions',
      tag: 'Adgang',
      summary: 'En persons aktive sessioner',
      roles: ['secretariat'],
      params: personIdParams,
      handle: (ctx) => listSessions(udmeld.db, p(ctx).personId!),
    },
    {
      method: 'post',
      path: '/api/people/:personId/sessions/revoke',
      tag: 'Adgang',
      summary: 'Log en person ud alle steder',
      roles: ['secretariat'],
      params: personIdParams,
      body: z.strictObject({}),
      handle: (ctx) => endSessionsOf(udmeld.db, p(ctx).personId!, by(ctx)),
    },
    {
      method: 'get',
      path: '/api/service-keys',
      tag: 'Adgang',
      summary: 'Integrationsnøgler med deres tilladelser og seneste brug (nøglerne selv gemmes ikke)',
      roles: ['secretariat'],
      handle: () => listServiceKeys(udmeld.db),
    },
    {
      method: 'post',
      path: '/api/service-keys',
      tag: 'Adgang',
      summary: 'Opret en integrationsnøgle til fx et sags- eller dagsordenssystem; nøglen vises kun denne ene gang',
      roles: ['secretariat'],
      body: serviceKeyBody,
      created: true,
      handle: (ctx) => createServiceKey(udmeld.db, ctx.body, by(ctx)),
    },
    {
      method: 'post',
      path: '/api/service-keys/:keyId/revoke',
      tag: 'Adgang',
      summary: 'Tilbagekald en integrationsnøgle',
      roles: ['secretariat'],
      params: keyIdParams,
      body: z.strictObject({}),
      handle: (ctx) => revokeKey(udmeld.db, p(ctx).keyId!, by(ctx)),
    },
    {
      method: 'post',
      path: '/api/links',
      tag: 'Adgang',
      summary: 'Lav et nyt personligt link til en af kommunens kontaktpersoner eller et medlem af Socialdirektørforum',
      roles: ['secretariat'],
      body: linkBody,
      async handle(ctx) {
        const body = bodyOf(ctx, linkBody);
        const person = await linkPerson(udmeld.db, body, by(ctx));
        const base =
          body.role === 'municipality'
            ? `${config.http.publicUrl}/kommune/${body.cuId}/${body.municipalityCode}`
            : `${config.http.publicUrl}/oversigt`;
        const access =
          body.role === 'municipality'
            ? { role: 'municipality' as const, cuId: body.cuId, municipalityCode: body.municipalityCode }
            : { role: 'director' as const };
        return {
          url: signLink(base, { ...access, personId: person.id }),
          person: { id: person.id, name: person.name, email: person.email },
        };
      },
    },
    {
      method: 'post',
      path: '/api/links/revoke',
      tag: 'Adgang',
      summary: 'Tilbagekald udsendte links (fx for en kommune i en central udmelding)',
      roles: ['secretariat'],
      body: revokeLinksBody,
      handle: (ctx) => udmeld.revokeLinks(withBy(ctx)),
    },
    {
      method: 'get',
      path: '/api/contacts',
      tag: 'Kontakter',
      summary: 'Kommunernes kontaktpersoner og socialdirektører',
      roles: ['secretariat'],
      scope: 'read',
      handle: () => udmeld.contacts(),
    },
    {
      method: 'put',
      path: '/api/contacts/:code',
      tag: 'Kontakter',
      summary: 'Sæt en kommunes kontaktpersoner og socialdirektørens adresse',
      roles: ['secretariat'],
      scope: 'contacts:write',
      params: z.strictObject({ code: municipalityCodeSchema }),
      body: municipalContactsSchema,
      handle: (ctx) => udmeld.setContacts({ municipalityCode: p(ctx).code!, contacts: bodyOf(ctx, municipalContactsSchema), by: by(ctx) }),
    },
    {
      method: 'post',
      path: '/api/contacts/import',
      tag: 'Kontakter',
      summary: 'Indlæs kontaktregistret fra CSV (én række pr. kontaktperson): alle kommuner i filen, eller ingen',
      roles: ['secretariat'],
      scope: 'contacts:write',
      body: contactImportBody,
      handle: (ctx) => {
        const { csv, regionCode } = bodyOf(ctx, contactImportBody);
        return udmeld.importContacts({ csv, ...(regionCode ? { regionCode } : {}), by: by(ctx) });
      },
    },
    {
      method: 'get',
      path: '/api/outbox',
      tag: 'E-mail',
      summary: 'Udbakken: de seneste e-mails, når der ikke er sat en mailserver op (SMTP_URL)',
      roles: ['secretariat'],
      scope: 'read',
      handle: () => listOutbox(udmeld.db),
    },
    {
      method: 'get',
      path: '/api/outbox/:messageId',
      tag: 'E-mail',
      summary: 'Én e-mail fra udbakken som .eml (kan åbnes i et mailprogram)',
      roles: ['secretariat'],
      scope: 'read',
      params: z.strictObject({ messageId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      async handle(ctx) {
        const id = Number(p(ctx).messageId);
        const message = await outboxMessage(udmeld.db, id);
        if (!message) throw new HttpProblem(404, 'Findes ikke', 'E-mailen findes ikke i udbakken');
        return new Download('message/rfc822', `udmeld-${id}.eml`, Buffer.from(message));
      },
    },
    {
      method: 'get',
      path: '/api/overview',
      tag: 'Overblik',
      summary: 'Alle åbne centrale udmeldinger: indberetning, forsinkede kommuner og godkendelseskæden',
      roles: ['secretariat', 'director'],
      scope: 'read',
      query: z.strictObject({ region: regionCodeSchema.optional() }),
      handle: (ctx) => udmeld.overview(ctx.query as { region?: string }),
    },
    {
      method: 'get',
      path: '/api/cus',
      tag: 'Centrale udmeldinger',
      summary: 'List centrale udmeldinger (filtrér på region og fase)',
      roles: ['secretariat', 'director'],
      scope: 'read',
      query: z.strictObject({
        region: regionCodeSchema.optional(),
        status: z
          .string()
          .regex(/^[a-z_]{1,20}$/)
          .optional(),
      }),
      handle: (ctx) => udmeld.listCus(ctx.query as { region?: string; status?: string }),
    },
    {
      method: 'post',
      path: '/api/cus',
      tag: 'Centrale udmeldinger',
      summary: 'Registrér en central udmelding med dens spørgeskema',
      roles: ['secretariat'],
      scope: 'cu:register',
      body: cuDefinitionSchema,
      created: true,
      handle: (ctx) => udmeld.registerCu({ cu: ctx.body, by: by(ctx) }),
    },
    {
      method: 'get',
      path: '/api/cus/:cuId',
      tag: 'Centrale udmeldinger',
      summary: 'Hele tilstanden for én central udmelding',
      roles: ['secretariat', 'director'],
      scope: 'read',
      params: cuParams,
      async handle(ctx) {
        const secretariat = ctx.caller!.role === 'secretariat';
        const record = await udmeld.status(p(ctx).cuId!, { answers: secretariat });
        return secretariat ? record : forDirectors(record, config.smallNumberThreshold);
      },
    },
    {
      method: 'put',
      path: '/api/cus/:cuId',
      tag: 'Centrale udmeldinger',
      summary: 'Ret en central udmelding og dens spørgeskema (før indberetningen er sendt ud)',
      roles: ['secretariat'],
      scope: 'cu:edit',
      params: cuParams,
      body: cuDefinitionSchema,
      idempotent: true,
      handle: (ctx) => udmeld.cuUpdate(p(ctx).cuId!, msg.editCu, { cu: bodyOf(ctx, cuDefinitionSchema), by: by(ctx) }, ctx.updateId),
    },
    {
      method: 'post',
      path: '/api/cus/:cuId/launch',
      tag: 'Indberetning',
      summary: 'Send indberetningen ud til de valgte kommuner (kontakter fra kontaktregistret)',
      roles: ['secretariat'],
      scope: 'round:launch',
      params: cuParams,
      body: launchBody,
      idempotent: true,
      async handle(ctx) {
        const body = bodyOf(ctx, launchBody);
        return udmeld.launchFromRegister(
          p(ctx).cuId!,
          { ...body, addresses: { ...config.addresses, ...body.addresses }, baseUrl: config.http.publicUrl, by: by(ctx) },
          ctx.updateId,
        );
      },
    },
    {
      method: 'put',
      path: '/api/cus/:cuId/municipalities/:code/contacts',
      tag: 'Indberetning',
      summary: 'Skift en kommunes kontaktpersoner i en igangværende indberetning: nye får invitationen, fjernede mister deres links her',
      roles: ['secretariat'],
      scope: 'contacts:write',
      params: municipalityParams,
      body: municipalContactsSchema,
      idempotent: true,
      handle: (ctx) => udmeld.changeRoundContacts(p(ctx).cuId!, p(ctx).code!, bodyOf(ctx, municipalContactsSchema), by(ctx), ctx.updateId),
    },
    {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/:code/reopen',
      tag: 'Indberetning',
      summary:
        'Genåbn en kommune efter indberetningen er lukket (sent svar eller rettelse), før afrapporteringen sendes videre; rapporten dannes igen, når kommunen har svaret',
      roles: ['secretariat'],
      scope: 'municipality:reopen',
      params: municipalityParams,
      body: reopenMunicipalityBody,
      idempotent: true,
      handle: (ctx) => udmeld.reopenMunicipality(p(ctx).cuId!, p(ctx).code!, bodyOf(ctx, reopenMunicipalityBody), by(ctx), ctx.updateId),
    },
    {
      method: 'post',
      path: '/api/cus/:cuId/municipalities/:code/resend',
      tag: 'Indberetning',
      summary: 'Send invitationen eller en påmindelse til kommunens kontaktpersoner igen, i hånden',
      roles: ['secretariat'],
      scope: 'municipality:remind',
      params: municipalityParams,
      body: resendBody,
      idempotent: true,
      handle: (ctx) =>
        udmeld.cuUpdate(
          p(ctx).cuId!,
          msg.resendToMunicipality,
          { ...bodyOf(ctx, resendBody), municipalityCode: p(ctx).code!, by: by(ctx) },
          ctx.updateId,
        ),
    },
    cuAction(
      'post',
      '/api/cus/:cuId/withdraw',
      'Træk en central udmelding tilbage (registreret ved en fejl) eller annullér dens indberetning: kommunerne får besked, alle links holder op med at virke',
      ['secretariat'],
      'cu:withdraw',
      msg.withdrawCu,
      withdrawBody,
    ),
    cuAction(
      'post',
      '/api/cus/:cuId/extend-round',
      'Forlæng hele indberetningen: alle kommuner, der endnu ikke har svaret, får den nye frist',
      ['secretariat'],
      'round:extend',
      msg.extendRound,
      extendRoundBody,
    ),
    cuAction(
      'put',
      '/api/cus/:cuId/national-deadline',
      'Flyt den nationale frist (med begrundelse); en ny version af udmeldingen',
      ['secretariat'],
      'cu:deadline',
      msg.moveNationalDeadline,
      moveNationalDeadlineBody,
    ),
    cuAction(
      'post',
      '/api/cus/:cuId/close-reporting',
      'Luk indberetningen før tid (manglende kommuner registreres som ikke indsendt)',
      ['secretariat'],
      'round:close',
      msg.closeReporting,
    ),
    cuAction(
      'put',
      '/api/cus/:cuId/report/summaries',
      'Redigér afrapporteringens sammenfatninger pr. tema',
      ['secretariat'],
      'report:edit',
      msg.editReport,
      editReportBody,
    ),
    cuAction(
      'post',
      '/api/cus/:cuId/forum',
      'Send afrapporteringen ind i godkendelsesforløbet (første trin i rundens kæde, fx Forretningsudvalget)',
      ['secretariat'],
      'forum:send',
      msg.sendToForum,
    ),
    {
      method: 'post',
      path: '/api/cus/:cuId/steps/:step/decision',
      tag: 'Godkendelse',
      summary: 'Registrér Forretningsudvalgets eller K22’s beslutning (også en beslutning truffet pr. e-mail mellem møderne)',
      roles: ['director', 'secretariat'],
      scope: 'step:decide',
      params: z.strictObject({ cuId: cuIdSchema, step: z.enum(GENERIC_STEPS) }),
      body: stepDecisionBody,
      idempotent: true,
      handle: (ctx) =>
        udmeld.cuUpdate(
          p(ctx).cuId!,
          msg.recordStepDecision,
          { ...bodyOf(ctx, stepDecisionBody), step: p(ctx).step as GenericStep, by: by(ctx) },
          ctx.updateId,
        ),
    },
    cuAction(
      'post',
      '/api/cus/:cuId/forum/decision',
      'Godkend afrapporteringen, eller send den retur med bemærkninger',
      ['director', 'secretariat'],
      'forum:decide',
      msg.recordForumDecision,
      forumDecisionBody,
    ),
    cuAction(
      'post',
      '/api/cus/:cuId/kkr',
      'Registrér KKR’s beslutning og fristen for den politiske behandling',
      ['secretariat'],
      'kkr:decide',
      msg.recordKkrDecision,
      kkrDecisionBody,
    ),
    {
      method: 'post',
      path: '/api/cus/:cuId/councils/:council/decision',
      tag: 'Godkendelse',
      summary: 'Registrér en kommunalbestyrelses eller regionsrådets beslutning',
      roles: ['secretariat', 'municipality', 'region'],
      scope: 'council:decide',
      params: councilParams,
      body: councilDecisionBody,
      idempotent: true,
      handle: (ctx) =>
        udmeld.cuUpdate(
          p(ctx).cuId!,
          msg.recordCouncilDecision,
          { ...bodyOf(ctx, councilDecisionBody), by: by(ctx), council: p(ctx).council! },
          ctx.updateId,
        ),
    },
    {
      method: 'post',
      path: '/api/cus/:cuId/councils/:council/deadline',
      tag: 'Godkendelse',
      summary: 'Forlæng fristen for en kommunalbestyrelses eller regionsrådets beslutning',
      roles: ['secretariat'],
      scope: 'council:deadline',
      params: councilParams,
      body: extendCouncilDeadlineBody,
      idempotent: true,
      handle: (ctx) =>
        udmeld.cuUpdate(
          p(ctx).cuId!,
          msg.extendCouncilDeadline,
          { ...bodyOf(ctx, extendCouncilDeadlineBody), by: by(ctx), council: p(ctx).council! },
          ctx.updateId,
        ),
    },
    cuAction(
      'post',
      '/api/cus/:cuId/submit',
      'Indsend afrapporteringen til Social- og Boligstyrelsen',
      ['secretariat'],
      'report:submit',
      msg.submitReport,
    ),
    {
      method: 'post',
      path: '/api/cus/:cuId/renewal',
      tag: 'Centrale udmeldinger',
      summary: 'Start fornyet behandling: en ny runde, der henviser til den indsendte',
      roles: ['secretariat'],
      scope: 'cu:renew',
      params: cuParams,
      body: renewalRequestBody,
      created: true,
      handle: (ctx) => udmeld.startRenewedTreatment(p(ctx).cuId!, { ...bodyOf(ctx, renewalRequestBody), by: by(ctx) }),
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/report.docx',
      tag: 'Afrapportering',
      summary: 'Afrapporteringen som Word-dokument (mærket udkast indtil godkendelse; små tal beskyttet for andre end sekretariatet)',
      roles: ['secretariat', 'director'],
      scope: 'read',
      params: cuParams,
      query: reportQuery,
      async handle(ctx) {
        const state = await udmeld.status(p(ctx).cuId!, { answers: false });
        const docx = await reportDocx(reportModel(state, { threshold: thresholdFor(ctx) }));
        return new Download(DOCX, `afrapportering-${state.cu.id}.docx`, docx);
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/municipalities/:code/report.docx',
      tag: 'Afrapportering',
      summary: 'Den godkendte afrapportering til kommunalbestyrelsens behandling, som Word (små tal beskyttet)',
      roles: ['municipality', 'secretariat'],
      scope: 'read',
      params: municipalityParams,
      handle: (ctx) => approvedReport(p(ctx).cuId!),
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/councils/:council/report.docx',
      tag: 'Afrapportering',
      summary: 'Den godkendte afrapportering til en kommunalbestyrelses eller regionsrådets behandling, som Word (små tal beskyttet)',
      roles: ['municipality', 'region', 'secretariat'],
      scope: 'read',
      params: councilParams,
      handle: (ctx) => approvedReport(p(ctx).cuId!),
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/report.html',
      tag: 'Afrapportering',
      summary: 'Afrapporteringen som webside',
      roles: ['secretariat', 'director'],
      scope: 'read',
      params: cuParams,
      query: reportQuery,
      async handle(ctx) {
        const state = await udmeld.status(p(ctx).cuId!, { answers: false });
        return new Download(
          'text/html; charset=utf-8',
          `afrapportering-${state.cu.id}.html`,
          reportHtml(reportModel(state, { threshold: thresholdFor(ctx) })),
          true,
          [REPORT_STYLE],
        );
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/answers.xlsx',
      tag: 'Afrapportering',
      summary: 'Alle besvarelser som Excel: et ark pr. tema, en række pr. kommune, tilbud på eget ark (præcise tal)',
      roles: ['secretariat'],
      scope: 'read',
      params: cuParams,
      async handle(ctx) {
        const state = await udmeld.status(p(ctx).cuId!);
        return new Download(XLSX, `besvarelser-${state.cu.id}.xlsx`, await answersXlsx(state));
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/answers/:sheet.csv',
      tag: 'Afrapportering',
      summary: 'Besvarelserne for ét tema (eller "tilbudsliste") som CSV med semikolon',
      roles: ['secretariat'],
      scope: 'read',
      params: z.strictObject({ cuId: cuIdSchema, sheet: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/) }),
      async handle(ctx) {
        const state = await udmeld.status(p(ctx).cuId!);
        const csv = answersCsv(state, p(ctx).sheet!);
        if (csv === undefined) throw new HttpProblem(404, 'Findes ikke', `Arket findes ikke; vælg et af: ${csvSheets(state).join(', ')}`);
        return new Download('text/csv; charset=utf-8', `besvarelser-${state.cu.id}-${p(ctx).sheet}.csv`, csv);
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/audit',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet: hver hændelse med hvem, hvad, hvornår og hvilken kommune',
      roles: ['secretariat'],
      scope: 'read',
      params: cuParams,
      query: auditFilterSchema,
      async handle(ctx) {
        await udmeld.status(p(ctx).cuId!, { answers: false });
        return udmeld.auditTrail(p(ctx).cuId!, ctx.query as z.output<typeof auditFilterSchema>);
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/audit.csv',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet som CSV med semikolon',
      roles: ['secretariat'],
      scope: 'read',
      params: cuParams,
      query: auditFilterSchema,
      async handle(ctx) {
        await udmeld.status(p(ctx).cuId!, { answers: false });
        const events = await udmeld.auditTrail(p(ctx).cuId!, ctx.query as z.output<typeof auditFilterSchema>);
        return new Download('text/csv; charset=utf-8', `revisionsspor-${p(ctx).cuId}.csv`, auditCsv(events));
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/audit.xlsx',
      tag: 'Revisionsspor',
      summary: 'Revisionssporet som Excel-ark',
      roles: ['secretariat'],
      scope: 'read',
      params: cuParams,
      query: auditFilterSchema,
      async handle(ctx) {
        const state = await udmeld.status(p(ctx).cuId!, { answers: false });
        const events = await udmeld.auditTrail(p(ctx).cuId!, ctx.query as z.output<typeof auditFilterSchema>);
        return new Download(XLSX, `revisionsspor-${p(ctx).cuId}.xlsx`, await auditXlsx(events, state.cu.title));
      },
    },
    {
      method: 'get',
      path: '/api/cus/:cuId/municipalities/:code',
      tag: 'Kommunens besvarelse',
      summary: 'Spørgeskemaet, kommunens kladde og svar, frist og eventuel revisionskommentar',
      roles: ['secretariat', 'municipality'],
      scope: 'read',
      params: municipalityParams,
      handle: (ctx) => udmeld.municipalityStatus(p(ctx).cuId!, p(ctx).code!),
    },
    municipalityAction(
      'put',
      'draft',
      'Gem en kladde (alt må mangle, men det udfyldte skal være gyldigt)',
      ['municipality', 'secretariat'],
      'answer:write',
      msg.saveDraft,
      answerBody,
      true,
    ),
    municipalityAction(
      'post',
      'submission',
      'Indsend kommunens besvarelse',
      ['municipality', 'secretariat'],
      'answer:write',
      msg.submitAnswer,
      answerBody,
      true,
    ),
    municipalityAction(
      'post',
      'extension',
      'Forlæng kommunens frist (påmindelserne flytter med)',
      ['secretariat'],
      'municipality:extend',
      msg.extendDeadline,
      extendDeadlineBody,
    ),
    municipalityAction(
      'post',
      'revision',
      'Bed kommunen om at revidere sit svar, med en kommentar',
      ['secretariat'],
      'municipality:revision',
      msg.requestRevision,
      requestRevisionBody,
    ),
    municipalityAction(
      'post',
      'excuse',
      'Frita kommunen for at indberette',
      ['secretariat'],
      'municipality:excuse',
      msg.excuseMunicipality,
      excuseBody,
    ),
  ];

  function cuAction(
    method: Route['method'],
    path: string,
    summary: string,
    roles: AccessRole[],
    scope: ServiceKeyScope,
    update: Parameters<Udmeld['cuUpdate']>[1],
    body?: z.ZodType,
  ): Route {
    return {
      method,
      path,
      scope,
      tag: path.includes('forum') || path.includes('kkr') || path.includes('submit') ? 'Godkendelse' : 'Indberetning',
      summary,
      roles,
      params: cuParams,
      body: body ?? z.strictObject({}),
      idempotent: true,
      handle: (ctx) => udmeld.cuUpdate(p(ctx).cuId!, update, withBy(ctx) as never, ctx.updateId),
    };
  }

  function municipalityAction(
    method: Route['method'],
    action: string,
    summary: string,
    roles: AccessRole[],
    scope: ServiceKeyScope,
    update: Parameters<Udmeld['municipalityUpdate']>[2],
    body: z.ZodType,
    withCode = false,
  ): Route {
    return {
      method,
      path: `/api/cus/:cuId/municipalities/:code/${action}`,
      tag: 'Kommunens besvarelse',
      summary,
      roles,
      scope,
      params: municipalityParams,
      body,
      idempotent: true,
      handle: (ctx) =>
        udmeld.municipalityUpdate(
          p(ctx).cuId!,
          p(ctx).code!,
          update,
          { ...withBy(ctx), ...(withCode ? { municipalityCode: p(ctx).code! } : {}) } as never,
          ctx.updateId,
        ),
    };
  }
}
