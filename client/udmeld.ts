// Every operation on CUs, for the API, the tests and scripts: validates what it can before calling
// Temporal, and translates Temporal's answers into UdmeldError.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { actorSchema, cuIdSchema, startCuSchema, type Actor, type CuDefinition, type LaunchRoundInput, type MunicipalContacts, type StartCu } from '../domain/cu';
import { directoryWorkflowId, type DirectoryState, type RevokeLinks } from '../domain/directory';
import { CU_MEMO, type CuMemo } from '../domain/overview';
import { cuWorkflowId, municipalityWorkflowId, renewalCuId } from '../domain/ids';
import { municipalitiesOfRegion, municipalityCodeSchema } from '../domain/municipalities';
import type { CuAck, CuState, CuSummary, MunicipalityState, MunicipalityView } from '../domain/state';
import { isoDateSchema, type IsoDate } from '../domain/time';
import { z } from '../domain/zod';
import * as msg from '../workflows/messages';
import { SA } from '../workflows/search-attributes';
import type { centralNoticeWorkflow } from '../workflows/central-notice';
import { parseOrThrow, translate, UdmeldError } from './errors';

export interface CuListItem {
  cuId: string;
  status: string;
  region?: string;
  nationalDeadline?: string;
  municipalDeadline?: string;
  startedAt: string;
  closedAt?: string;
  /** The CU at a glance, kept up to date by the workflow (absent on CUs started before it existed). */
  memo?: CuMemo;
}

type RevokeLinksInput = Partial<Omit<RevokeLinks, 'by'>> & Pick<RevokeLinks, 'by'>;

export const renewalRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  issuedOn: isoDateSchema,
  nationalDeadline: isoDateSchema,
  by: actorSchema,
});

export class Udmeld {
  private directoryStarted?: Promise<unknown>;

  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    /** Each call to Temporal gives up after this long, so callers get a prompt "unavailable". */
    readonly callTimeoutMs = 10_000,
  ) {}

  cuHandle(cuId: string): WorkflowHandle<typeof centralNoticeWorkflow> {
    return this.client.workflow.getHandle(cuWorkflowId(parseOrThrow(cuIdSchema, cuId)));
  }

  municipalityHandle(cuId: string, code: string): WorkflowHandle {
    return this.client.workflow.getHandle(municipalityWorkflowId(parseOrThrow(cuIdSchema, cuId), parseOrThrow(municipalityCodeSchema, code)));
  }

  async registerCu(input: unknown): Promise<CuState> {
    const start: StartCu = parseOrThrow(startCuSchema, input);
    return this.call(`Den centrale udmelding "${start.cu.id}"`, async () => {
      const handle = await this.client.workflow.start('centralNoticeWorkflow', {
        workflowId: cuWorkflowId(start.cu.id),
        taskQueue: this.taskQueue,
        args: [start],
      });
      return handle.query(msg.cuStatus);
    });
  }

  status(cuId: string): Promise<CuState> {
    return this.call('Den centrale udmelding', () => this.cuHandle(cuId).query(msg.cuStatus));
  }

  municipalityStatus(cuId: string, code: string): Promise<MunicipalityView> {
    return this.call('Kommunens indberetning', () => this.municipalityHandle(cuId, code).query(msg.municipalityStatus));
  }

  /** An Update on the CU; `updateId` makes a retried request take effect once. */
  cuUpdate<I>(cuId: string, update: UpdateDefinition<CuAck, [I]>, input: I, updateId?: string): Promise<CuAck> {
    return this.call('Den centrale udmelding', () =>
      this.cuHandle(cuId).executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) }),
    );
  }

  municipalityUpdate<I>(cuId: string, code: string, update: UpdateDefinition<MunicipalityState, [I]>, input: I, updateId?: string): Promise<MunicipalityState> {
    return this.call('Kommunens indberetning', () =>
      this.municipalityHandle(cuId, code).executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) }),
    );
  }

  async listCus(filter: { region?: string; status?: string } = {}): Promise<CuListItem[]> {
    const clauses = [`WorkflowType = 'centralNoticeWorkflow'`];
    if (filter.region) clauses.push(`${SA.region.name} = '${filter.region.replace(/'/g, '')}'`);
    if (filter.status) clauses.push(`${SA.status.name} = '${filter.status.replace(/'/g, '')}'`);
    return this.call('Listen', async () => {
      const items: CuListItem[] = [];
      for await (const wf of this.client.workflow.list({ query: clauses.join(' AND ') })) {
        const sa = wf.typedSearchAttributes;
        items.push({
          cuId: sa.get(SA.cuId) ?? wf.workflowId.slice(3),
          status: sa.get(SA.status) ?? wf.status.name,
          region: sa.get(SA.region),
          nationalDeadline: sa.get(SA.nationalDeadline)?.toISOString(),
          municipalDeadline: sa.get(SA.municipalDeadline)?.toISOString(),
          startedAt: wf.startTime.toISOString(),
          closedAt: wf.closeTime?.toISOString(),
          ...(wf.memo?.[CU_MEMO] ? { memo: wf.memo[CU_MEMO] as CuMemo } : {}),
        });
      }
      return items;
    });
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
    const municipalities = launch.municipalities ?? municipalitiesOfRegion((await this.status(cuId)).cu.regionCode);
    const { contacts } = await this.directory();
    const missing = municipalities.filter((code) => !contacts[code]);
    if (missing.length) {
      throw new UdmeldError('invalid_input', 'Kontaktregistret mangler kommuner', missing.map((code) => ({ path: `contacts.${code}`, message: 'Kommunen mangler kontaktpersoner i kontaktregistret' })));
    }
    const snapshot = Object.fromEntries(municipalities.map((code) => [code, { contacts: contacts[code]!.contacts, directorEmail: contacts[code]!.directorEmail }]));
    return this.cuUpdate(cuId, msg.launchRound, { ...launch, municipalities, contacts: snapshot }, updateId);
  }

  /** Fornyet behandling: a new round of a submitted CU, linked to it and carrying its history. */
  async startRenewedTreatment(cuId: string, request: { reason: string; issuedOn: IsoDate; nationalDeadline: IsoDate; by: Actor }): Promise<CuState> {
    const { reason, issuedOn, nationalDeadline, by } = parseOrThrow(renewalRequestSchema, request);
    const handle = this.cuHandle(cuId);
    const description = await this.call('Den centrale udmelding', () => handle.describe());
    if (description.status.name !== 'COMPLETED') {
      throw new UdmeldError('invalid_state', 'Fornyet behandling kan først begynde, når afrapporteringen er indsendt');
    }
    const previous: CuSummary = await handle.result();
    const earlier = previous.state.renewalOf?.history ?? [];
    const history = [...earlier, { cuId: previous.cuId, submittedAt: previous.submittedAt }];
    const cu: CuDefinition = { ...previous.state.cu, id: renewalCuId(previous.cuId, history.length), issuedOn, nationalDeadline };
    return this.registerCu({
      cu,
      by,
      renewalOf: { cuId: previous.cuId, submittedAt: previous.submittedAt, requestedBy: by, requestedAt: new Date().toISOString(), reason, history },
    });
  }

  /** The contact register and link revocations, a workflow started on first use. */
  async directory(): Promise<DirectoryState> {
    await this.ensureDirectory();
    return this.call('Kontaktregistret', () => this.directoryHandle().query(msg.directory));
  }

  async setContacts(input: { municipalityCode: string; contacts: MunicipalContacts; by: Actor }) {
    await this.ensureDirectory();
    return this.call('Kontaktregistret', () => this.directoryHandle().executeUpdate(msg.setContacts, { args: [input] }));
  }

  async revokeLinks(input: RevokeLinksInput) {
    await this.ensureDirectory();
    return this.call('Kontaktregistret', () => this.directoryHandle().executeUpdate(msg.revokeLinks, { args: [input] }));
  }

  private directoryHandle() {
    return this.client.workflow.getHandle(directoryWorkflowId(this.taskQueue));
  }

  private ensureDirectory(): Promise<unknown> {
    this.directoryStarted ??= this.call('Kontaktregistret', () =>
      this.client.workflow.start('directoryWorkflow', {
        workflowId: directoryWorkflowId(this.taskQueue),
        taskQueue: this.taskQueue,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    ).catch((err: unknown) => {
      this.directoryStarted = undefined;
      throw err;
    });
    return this.directoryStarted;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.callTimeoutMs, fn);
    } catch (err) {
      throw translate(err, what);
    }
  }
}
