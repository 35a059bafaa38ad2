// Turns what Temporal and the database answer into errors a caller can act on: which field, which
// state, retry or not.
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { INVALID_INPUT, INVALID_STATE } from '../workflows/failures';
import { fieldIssues, type FieldIssue, type z } from '../domain/zod';

export type UdmeldErrorKind = 'invalid_input' | 'invalid_state' | 'not_found' | 'conflict' | 'unavailable';

export class UdmeldError extends Error {
  constructor(
    readonly kind: UdmeldErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'UdmeldError';
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', fieldIssues(result.error));
  }
  return result.data;
}

const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Whether a workflow the call was about no longer exists (closed and deleted, or never started). */
export function workflowGone(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (err as { code?: number }).code === GRPC_NOT_FOUND;
}

/** Maps an error from a Temporal call to an UdmeldError; unknown errors pass through unchanged. */
export function translate(err: unknown, what: string): unknown {
  if (err instanceof UdmeldError) return err;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    if (failure.type === INVALID_INPUT)
      return new UdmeldError('invalid_input', failure.message, (failure.details?.[0] as FieldIssue[]) ?? []);
    if (failure.type === INVALID_STATE) return new UdmeldError('invalid_state', failure.message);
  }
  // The Update may still complete: the same request again (same Idempotency-Key) takes effect once.
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return new UdmeldError('unavailable', 'Handlingen er ikke bekræftet endnu; send den igen med samme Idempotency-Key');
  if (err instanceof WorkflowNotFoundError) {
    return /already completed/i.test(err.message)
      ? new UdmeldError('invalid_state', `${what} er afsluttet`)
      : new UdmeldError('not_found', `${what} findes ikke`);
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new UdmeldError('conflict', `${what} findes allerede`);
  if (databaseUnavailable(err)) return new UdmeldError('unavailable', 'Databasen kan ikke nås lige nu');
  const code = (err as { code?: number }).code ?? (err as { cause?: { code?: number } }).cause?.code;
  if (err instanceof ServiceError || typeof code === 'number') {
    if (code === GRPC_NOT_FOUND) return new UdmeldError('not_found', `${what} findes ikke`);
    if (code === GRPC_FAILED_PRECONDITION) return new UdmeldError('invalid_state', `${what} er afsluttet`);
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED)
      return new UdmeldError('unavailable', 'Temporal kan ikke nås lige nu');
  }
  return err;
}

// Connection failures (no server, refused, dropped, shutting down), not errors in a query.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

export function databaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (Array.isArray(e?.errors) && e.errors.some(databaseUnavailable)) return true; // AggregateError (several addresses)
  return (
    typeof e?.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message)
  );
}
