// Turns what Temporal and the database answer into errors a caller can act on: which field, which
// state, retry or not.
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { INVALID_INPUT, INVALID_STATE } from '../workflows/failures';

import { UdmeldError } from '../domain/errors';
import type { FieldIssue } from '../domain/zod';
import { databaseUnavailable } from '../db/unavailable';

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
