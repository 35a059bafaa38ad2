// How a workflow refuses a command: invalid input names each bad field; an invalid state says why
// the command is not possible now. Both are non-retryable failures of the Update.
import { ApplicationFailure } from '@temporalio/workflow';
import type { Checked } from '../domain/check';
import { describeIssues, type FieldIssue } from '../domain/issues';

export const INVALID_INPUT = 'InvalidInput';
export const INVALID_STATE = 'InvalidState';

export function invalidInput(issues: FieldIssue[]): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_INPUT, message: describeIssues(issues), details: [issues], nonRetryable: true });
}

export function invalidState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_STATE, message, nonRetryable: true });
}

/** The value of a checked input, or the failure naming each bad field (under `prefix`, if given). */
export function valid<T>(checked: Checked<T>, prefix?: string): T {
  if (checked.ok) return checked.value;
  throw invalidInput(prefix ? checked.issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })) : checked.issues);
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw invalidState(message);
}
