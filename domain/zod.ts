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

// Control characters have no place in what people type here, and several break what udmeld writes
// (XML in Word and Excel files, e-mail headers): such text is refused with a reason.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const usable = (s: string) => !CONTROL.test(s) && !LONE_SURROGATE.test(s);

/** A text of one line: no line breaks, no control characters, no broken surrogate pairs. */
export function line<S extends z.ZodString>(schema: S): S {
  return schema
    .refine((s) => !LINE_BREAK.test(s), { message: 'Må ikke indeholde linjeskift' })
    .refine(usable, { message: 'Indeholder tegn, der ikke kan bruges (styretegn)' }) as S;
}

/** A text of several lines: line breaks and tabs allowed, other control characters not. */
export function prose<S extends z.ZodString>(schema: S): S {
  return schema.refine(usable, { message: 'Indeholder tegn, der ikke kan bruges (styretegn)' }) as S;
}
