import { ApplicationFailure } from '@temporalio/workflow';
import { describeIssues, fieldIssues, type FieldIssue, type z } from '../domain/zod';

export const INVALID_INPUT = 'InvalidInput';
export const INVALID_STATE = 'InvalidState';

export function invalidInput(issues: FieldIssue[]): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_INPUT, message: describeIssues(issues), details: [issues], nonRetryable: true });
}

export function invalidState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_STATE, message, nonRetryable: true });
}

/** Parses an Update's input, throwing a failure that names each bad field (under `prefix`, if given). */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw invalidInput(fieldIssues(result.error).map((i) => (prefix ? { ...i, path: i.path ? `${prefix}.${i.path}` : prefix } : i)));
  }
  return result.data;
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw invalidState(message);
}
