// What every part of the application shares: the Temporal client and the record, the configuration,
// and the plumbing of a call: an Update on a workflow (translated into errors a caller can act on,
// answered from the record when the workflow is gone), and a read of the record.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Config } from '../config';
import { cuAckOf, municipalityAckOf } from '../db/queries/update-answers';
import type { Db } from '../db/schema';
import type { CuAck, MunicipalityAck } from '../domain/commands';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { cuWorkflowId, municipalityWorkflowId } from '../domain/ids';
import type { Caller } from '../domain/people';
import { municipalityCodeSchema } from '../domain/zod';
import type { centralNoticeWorkflow } from '../workflows/central-notice';
import type { CuCommand, CuCommandInput } from '../workflows/central-notice/messages';
import type { CommandMessage } from '../workflows/commands';
import { translate, workflowGone } from './errors';
import { allow, type Operation } from './policy';
import type { z } from '../domain/zod';

export interface AppDeps {
  client: Client;
  db: Db;
  config: Config;
}

export interface AppContext extends AppDeps {
  /** Refuses a caller the policy does not allow for the operation and its target. */
  allow: typeof allow;
  cuHandle(cuId: string): WorkflowHandle<typeof centralNoticeWorkflow>;
  /** An Update on the CU with who gives it; `updateId` makes a retried request take effect once. */
  cuCommand<S extends z.ZodObject>(
    command: CuCommand<S>,
    cuId: string,
    input: z.input<S>,
    caller: Caller,
    updateId?: string,
  ): Promise<CuAck>;
  municipalityCommand<A>(
    command: CommandMessage<MunicipalityAck, A, unknown>,
    cuId: string,
    code: string,
    input: A,
    updateId?: string,
  ): Promise<MunicipalityAck>;
  /** Calls Temporal, giving up after the configured time, with its errors translated. */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  /** Reads the record, with a database outage translated. */
  read<T>(what: string, fn: () => Promise<T>): Promise<T>;
}

export function appContext(deps: AppDeps): AppContext {
  const { client, db, config } = deps;
  const timeoutMs = config.temporalCallTimeoutMs;

  const read = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw translate(err, what);
    }
  };

  /** What the record says of a workflow Temporal no longer has: closed (and deleted), not yet started, or unknown. */
  const recorded = async (cuId: string, code?: string): Promise<'closed' | 'open' | undefined> => {
    if (!code) {
      const cu = await read('', () => db.selectFrom('cu').select('id').where('id', '=', cuId).executeTakeFirst());
      return cu ? 'closed' : undefined;
    }
    const row = await read('', () =>
      db.selectFrom('municipality').select('closed').where('cu_id', '=', cuId).where('code', '=', code).executeTakeFirst(),
    );
    return row ? (row.closed ? 'closed' : 'open') : undefined;
  };

  /**
   * A command; when its workflow is gone (closed and deleted), the record says whether it ever existed.
   * `answered` finds, in the record, what an Update with the same id already did: a request repeated
   * after its workflow closed gets that answer (Temporal forgets an Update its workflow never
   * accepted, though its write reached the record, e.g. when a worker died in between).
   */
  const command = async <T>(
    what: string,
    cuId: string,
    code: string | undefined,
    fn: () => Promise<T>,
    answered?: () => Promise<T | undefined>,
  ) => {
    try {
      return await client.withDeadline(Date.now() + timeoutMs, fn);
    } catch (err) {
      const gone = workflowGone(err);
      const failure = translate(err, what);
      const refused = gone || (failure instanceof UdmeldError && failure.kind === 'invalid_state');
      const earlier = refused && answered ? await read('', answered) : undefined;
      if (earlier) return earlier;
      if (gone) {
        const state = await recorded(cuId, code);
        if (state === 'closed') throw new UdmeldError('invalid_state', `${what} er afsluttet`);
        if (state === 'open') throw new UdmeldError('unavailable', `${what} er ved at starte; prøv igen om lidt`);
      }
      throw failure;
    }
  };

  const cuHandle = (cuId: string) => client.workflow.getHandle<typeof centralNoticeWorkflow>(cuWorkflowId(parseOrThrow(cuIdSchema, cuId)));

  return {
    ...deps,
    allow,
    cuHandle,
    async cuCommand(message, cuId, input, caller, updateId) {
      const given: CuCommandInput<typeof message.input> = Object.assign({}, input, { by: caller.actor });
      return await command(
        'Den centrale udmelding',
        cuId,
        undefined,
        () => cuHandle(cuId).executeUpdate(message.update, { args: [given], ...(updateId ? { updateId } : {}) }),
        updateId ? () => cuAckOf(db, cuId, updateId) : undefined,
      );
    },
    async municipalityCommand(message, cuId, code, input, updateId) {
      const id = parseOrThrow(cuIdSchema, cuId);
      const municipality = parseOrThrow(municipalityCodeSchema, code);
      const handle = client.workflow.getHandle(municipalityWorkflowId(id, municipality));
      return await command(
        'Kommunens indberetning',
        id,
        municipality,
        () => handle.executeUpdate(message.update, { args: [input], ...(updateId ? { updateId } : {}) }),
        updateId ? () => municipalityAckOf(db, id, municipality, updateId) : undefined,
      );
    },
    async call(what, fn) {
      try {
        return await client.withDeadline(Date.now() + timeoutMs, fn);
      } catch (err) {
        throw translate(err, what);
      }
    },
    read,
  };
}

export type { Operation };
