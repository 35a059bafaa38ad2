// Every operation on CUs, for the API, the pages, the tests and scripts. Commands go to the
// workflows (Temporal decides who may act now); reads come from the record (PostgreSQL), which
// holds everything the workflows wrote and outlives them.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { auditEvents, readCu, type ReadOptions } from '../db/queries/cu-record';
import { listCus, type CuListRow } from '../db/queries/cu-list';
import { readMunicipality } from '../db/queries/municipality-view';
import { cuAckOf, municipalityAckOf } from '../db/queries/update-answers';
import { addRevocation, importContacts, listContacts, listRevocations, setContacts, type RegisteredContacts } from '../db/queries/register';
import { MAX_IMPORT_BYTES, parseContactCsv } from '../domain/contact-import';
import type { Db } from '../db/schema';
import {
  actorSchema,
  cuIdSchema,
  municipalContactsSchema,
  startCuSchema,
  type Actor,
  type CuDefinition,
  type LaunchRoundInput,
  type MunicipalContacts,
  type StartCu,
} from '../domain/cu';
import { cuWorkflowId, municipalityWorkflowId, renewalCuId } from '../domain/ids';
import { municipalitiesOfRegion, type RegionCode } from '../domain/municipalities';
import { overviewOf, type CuOverview } from '../domain/overview';
import { revokeLinksSchema, setContactsSchema, type Revocation } from '../domain/register';
import type { AuditEvent, CuRecord, MunicipalityView } from '../domain/views';
import { actorKey } from '../domain/actors';
import { REGION_CHAINS } from '../domain/approval-chain';
import type { AuditFilter } from '../domain/audit';
import { copenhagenDate, type IsoDate } from '../domain/time';
import { isoDateSchema, municipalityCodeSchema, prose, z } from '../domain/zod';
import type { centralNoticeWorkflow } from '../workflows/central-notice';
import * as msg from '../workflows/messages';
import type { CuAck, MunicipalityAck } from '../workflows/messages';
import { parseOrThrow, translate, UdmeldError, workflowGone } from './errors';

export type CuListItem = CuListRow;

export const renewalRequestBody = z.strictObject({
  reason: prose(z.string().trim().min(1, 'Skriv en begrundelse').max(2000)),
  issuedOn: isoDateSchema,
  nationalDeadline: isoDateSchema,
});
export const renewalRequestSchema = renewalRequestBody.extend({ by: actorSchema });

export class Udmeld {
  constructor(
    readonly client: Client,
    readonly db: Db,
    readonly taskQueue: string,
    /** Each call to Temporal gives up after this long, so callers get a prompt "unavailable". */
    readonly callTimeoutMs = 10_000,
  ) {}

  cuHandle(cuId: string): WorkflowHandle<typeof centralNoticeWorkflow> {
    return this.client.workflow.getHandle(cuWorkflowId(parseOrThrow(cuIdSchema, cuId)));
  }

  municipalityHandle(cuId: string, code: string): WorkflowHandle {
    return this.client.workflow.getHandle(
      municipalityWorkflowId(parseOrThrow(cuIdSchema, cuId), parseOrThrow(municipalityCodeSchema, code)),
    );
  }

  // ── Commands ────────────────────────────────────────────────────────────────────────────────

  /** Starts the CU's workflow and answers once the registration is in the record. */
  async registerCu(input: unknown): Promise<CuRecord> {
    const start: StartCu = parseOrThrow(startCuSchema, input);
    const what = `Den centrale udmelding "${start.cu.id}"`;
    if (await this.read(what, () => this.db.selectFrom('cu').select('id').where('id', '=', start.cu.id).executeTakeFirst())) {
      throw new UdmeldError('conflict', `${what} findes allerede`);
    }
    await this.call(what, async () => {
      const handle = await this.client.workflow.start('centralNoticeWorkflow', {
        workflowId: cuWorkflowId(start.cu.id),
        taskQueue: this.taskQueue,
        args: [start],
      });
      await handle.executeUpdate(msg.registration);
    });
    return this.status(start.cu.id);
  }

  /** An Update on the CU; `updateId` makes a retried request take effect once. */
  cuUpdate<I>(cuId: string, update: UpdateDefinition<CuAck, [I]>, input: I, updateId?: string): Promise<CuAck> {
    return this.command(
      'Den centrale udmelding',
      cuId,
      undefined,
      () => this.cuHandle(cuId).executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) }),
      updateId ? () => cuAckOf(this.db, cuId, updateId) : undefined,
    );
  }

  municipalityUpdate<I>(
    cuId: string,
    code: string,
    update: UpdateDefinition<MunicipalityAck, [I]>,
    input: I,
    updateId?: string,
  ): Promise<MunicipalityAck> {
    return this.command(
      'Kommunens indberetning',
      cuId,
      code,
      () => this.municipalityHandle(cuId, code).executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) }),
      updateId ? () => municipalityAckOf(this.db, cuId, code, updateId) : undefined,
    );
  }

  /**
   * Launches a round with the contacts the register has now (a snapshot: later edits of the register
   * do not change a running round). Municipalities default to all of the CU's region.
   */
  async launchFromRegister(
    cuId: string,
    launch: Omit<LaunchRoundInput, 'municipalities' | 'contacts'> & { municipalities?: string[] },
    updateId?: string,
  ): Promise<CuAck> {
    // The CU's region, read once and only when a default needs it.
    const region = launch.municipalities && launch.approvalChain ? undefined : (await this.status(cuId, { answers: false })).cu.regionCode;
    const municipalities = launch.municipalities ?? municipalitiesOfRegion(region!);
    const contacts = await this.contacts();
    const missing = municipalities.filter((code) => !contacts[code]);
    if (missing.length) {
      throw new UdmeldError(
        'invalid_input',
        'Kontaktregistret mangler kommuner',
        missing.map((code) => ({ path: `contacts.${code}`, message: 'Kommunen mangler kontaktpersoner i kontaktregistret' })),
      );
    }
    const snapshot = Object.fromEntries(
      municipalities.map((code) => [code, { contacts: contacts[code]!.contacts, directorEmail: contacts[code]!.directorEmail }]),
    );
    const approvalChain = launch.approvalChain ?? [...REGION_CHAINS[region!]];
    return this.cuUpdate(cuId, msg.launchRound, { ...launch, municipalities, contacts: snapshot, approvalChain }, updateId);
  }

  /** Opens a municipality again while the report is drafted: a late answer, or a correction of the one given. */
  async reopenMunicipality(
    cuId: string,
    code: string,
    body: { deadline: string; reason: string },
    by: Actor,
    updateId?: string,
  ): Promise<CuAck> {
    const m = (await this.status(cuId, { answers: false })).municipalities[parseOrThrow(municipalityCodeSchema, code)];
    if (!m) throw new UdmeldError('not_found', `Kommunen ${code} er ikke med i indberetningen`);
    const status = m.status === 'submitted' ? 'revision_requested' : 'invited';
    return this.cuUpdate(
      cuId,
      msg.reopenMunicipality,
      { ...body, municipalityCode: m.code, status, answerVersion: m.answer?.version ?? 0, by },
      updateId,
    );
  }

  /** Replaces a municipality's contacts in a running round: new ones are invited, removed ones lose their links here. */
  async changeRoundContacts(
    cuId: string,
    municipalityCode: string,
    contacts: MunicipalContacts,
    by: Actor,
    updateId?: string,
  ): Promise<CuAck> {
    const valid = parseOrThrow(municipalContactsSchema, contacts);
    const current = (await this.status(cuId, { answers: false })).round?.contacts[municipalityCode];
    if (!current) throw new UdmeldError('invalid_state', `${municipalityCode} er ikke med i en igangværende indberetning`);
    const before = new Set(current.contacts.map((c) => c.email.toLowerCase()));
    const after = new Set(valid.contacts.map((c) => c.email.toLowerCase()));
    const added = [...after].filter((e) => !before.has(e));
    const removed = [...before].filter((e) => !after.has(e));
    return this.cuUpdate(cuId, msg.changeRoundContacts, { municipalityCode, contacts: valid, added, removed, by }, updateId);
  }

  /** Fornyet behandling: a new round of a submitted CU, linked to it (its history is in the record). */
  async startRenewedTreatment(
    cuId: string,
    request: { reason: string; issuedOn: IsoDate; nationalDeadline: IsoDate; by: Actor },
  ): Promise<CuRecord> {
    const { reason, issuedOn, nationalDeadline, by } = parseOrThrow(renewalRequestSchema, request);
    const previous = await this.status(cuId);
    if (previous.phase !== 'submitted')
      throw new UdmeldError('invalid_state', 'Fornyet behandling kan først begynde, når afrapporteringen er indsendt');
    const n = (previous.renewalOf?.history.length ?? 0) + 1;
    const cu: CuDefinition = { ...previous.cu, id: renewalCuId(previous.cu.id, n), issuedOn, nationalDeadline };
    return this.registerCu({ cu, by, renewalOf: { cuId: previous.cu.id, reason } });
  }

  // ── Reads ───────────────────────────────────────────────────────────────────────────────────

  async status(cuId: string, options?: ReadOptions): Promise<CuRecord> {
    const id = parseOrThrow(cuIdSchema, cuId);
    const found = await this.read('Den centrale udmelding', () => readCu(this.db, id, options));
    if (!found) throw new UdmeldError('not_found', 'Den centrale udmelding findes ikke');
    return found;
  }

  async municipalityStatus(cuId: string, code: string): Promise<MunicipalityView> {
    const id = parseOrThrow(cuIdSchema, cuId);
    const municipality = parseOrThrow(municipalityCodeSchema, code);
    const found = await this.read('Kommunens indberetning', () => readMunicipality(this.db, id, municipality));
    if (!found) throw new UdmeldError('not_found', 'Kommunens indberetning findes ikke');
    return found;
  }

  listCus(filter: { region?: string; status?: string } = {}): Promise<CuListItem[]> {
    return this.read('Listen', () =>
      listCus(this.db, { ...(filter.region ? { region: filter.region } : {}), ...(filter.status ? { phase: filter.status } : {}) }),
    );
  }

  /**
   * The directors' overview. Read often, changed seldom: it is made again only when the record has a
   * new event (its newest event number) or a new day has begun (overdue days count in whole days).
   */
  async overview(filter: { region?: string } = {}): Promise<CuOverview[]> {
    const now = Date.now();
    const newest = await this.read('Overblikket', () =>
      this.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst(),
    );
    const key = `${newest?.seq ?? 0}|${copenhagenDate(now)}|${filter.region ?? ''}`;
    const cached = this.overviews.get(filter.region ?? '');
    if (cached?.key === key) return cached.value;
    // Requests that arrive together while it is made share the one making.
    const value = this.listCus(filter).then((rows) => rows.map((row) => overviewOf(row, now)));
    this.overviews.set(filter.region ?? '', { key, value });
    value.catch(() => this.overviews.delete(filter.region ?? ''));
    return value;
  }

  private readonly overviews = new Map<string, { key: string; value: Promise<CuOverview[]> }>();

  async auditTrail(cuId: string, filter: AuditFilter = {}): Promise<AuditEvent[]> {
    const { person, ...query } = filter;
    const events = await this.read('Revisionssporet', () => auditEvents(this.db, { cuId: parseOrThrow(cuIdSchema, cuId), ...query }));
    return person ? events.filter((e) => actorKey(e.by) === person) : events;
  }

  // ── The register ────────────────────────────────────────────────────────────────────────────

  contacts(): Promise<Record<string, RegisteredContacts>> {
    return this.read('Kontaktregistret', () => listContacts(this.db));
  }

  revocations(): Promise<Revocation[]> {
    return this.read('Tilbagekaldelserne', () => listRevocations(this.db));
  }

  /** The contact register from a CSV file as secretariats keep it: every municipality in it, or none. */
  async importContacts(input: { csv: string; regionCode?: RegionCode; by: Actor }): Promise<{ municipalities: string[] }> {
    const by = parseOrThrow(actorSchema, input.by);
    if (Buffer.byteLength(input.csv) > MAX_IMPORT_BYTES)
      throw new UdmeldError('invalid_input', 'Filen er for stor', [{ path: 'fil', message: `Højst ${MAX_IMPORT_BYTES / 1000} kB` }]);
    const { contacts, issues } = parseContactCsv(input.csv, input.regionCode);
    if (issues.length) throw new UdmeldError('invalid_input', 'Filen kunne ikke indlæses; intet er ændret', issues);
    return { municipalities: await this.read('Kontaktregistret', () => importContacts(this.db, contacts, by)) };
  }

  async setContacts(input: { municipalityCode: string; contacts: MunicipalContacts; by: Actor }): Promise<RegisteredContacts> {
    const { municipalityCode, contacts, by } = parseOrThrow(setContactsSchema, input);
    return this.read('Kontaktregistret', () => setContacts(this.db, municipalityCode, contacts, by));
  }

  async revokeLinks(input: unknown): Promise<Revocation> {
    const revoke = parseOrThrow(revokeLinksSchema, input);
    return this.read('Tilbagekaldelserne', () => addRevocation(this.db, revoke));
  }

  // ── Plumbing ────────────────────────────────────────────────────────────────────────────────

  /**
   * A command; when its workflow is gone (closed and deleted), the record says whether it ever existed.
   * `answered` finds, in the record, what an Update with the same id already did: a request repeated
   * after its workflow closed gets that answer (Temporal forgets an Update its workflow never
   * accepted, though its write reached the record, e.g. when a worker died in between).
   */
  private async command<T>(
    what: string,
    cuId: string,
    code: string | undefined,
    fn: () => Promise<T>,
    answered?: () => Promise<T | undefined>,
  ): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.callTimeoutMs, fn);
    } catch (err) {
      const gone = workflowGone(err);
      const failure = translate(err, what);
      const refused = gone || (failure instanceof UdmeldError && failure.kind === 'invalid_state');
      const earlier = refused && answered ? await this.read('', answered) : undefined;
      if (earlier) return earlier;
      if (gone) {
        const recorded = await this.recorded(cuId, code);
        if (recorded === 'closed') throw new UdmeldError('invalid_state', `${what} er afsluttet`);
        if (recorded === 'open') throw new UdmeldError('unavailable', `${what} er ved at starte; prøv igen om lidt`);
      }
      throw failure;
    }
  }

  /** What the record says of a workflow Temporal no longer has: closed (and deleted), not yet started, or unknown. */
  private async recorded(cuId: string, code?: string): Promise<'closed' | 'open' | undefined> {
    if (!code)
      return (await this.read('', () => this.db.selectFrom('cu').select('id').where('id', '=', cuId).executeTakeFirst()))
        ? 'closed'
        : undefined;
    const row = await this.read('', () =>
      this.db
        .selectFrom('municipality')
        .select('closed')
        .where('cu_id', '=', cuId)
        .where('code', '=', parseOrThrow(municipalityCodeSchema, code))
        .executeTakeFirst(),
    );
    return row ? (row.closed ? 'closed' : 'open') : undefined;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.callTimeoutMs, fn);
    } catch (err) {
      throw translate(err, what);
    }
  }

  private async read<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translate(err, what);
    }
  }
}
