// Every module that validates imports `z` from here, so Danish error messages are configured once,
// in the API, the worker and the workflow sandbox alike.
import { z } from 'zod';
import da from 'zod/v4/locales/da.js';

z.config(da());

export { z };

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `values.tilbud.0.places`. Empty for the whole input. */
  path: string;
  message: string;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
