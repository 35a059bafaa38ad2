// Every module that validates with zod imports `z` from here, so Danish error messages are configured
// once, in the API, the worker and the workflow sandbox alike; and the schemas of the primitives
// (texts, dates, municipality and region codes) are here, built on the plain rules they share with
// the municipality's workflow (which runs without zod).
import { z } from 'zod';
import da from 'zod/v4/locales/da.js';
import { describeIssues, type FieldIssue } from './issues';
import { CODE_DIGITS, CODE_FORMAT, isMunicipality, REGIONS, UNKNOWN_CODE, type RegionCode } from './municipalities';
import { NO_LINE_BREAKS, oneLine, UNUSABLE_CHARACTERS, usableText } from './text-rules';
import { DATE_FORMAT, ISO_DATE, isValidDate, NO_SUCH_DATE } from './time';

z.config(da());

export { z };

export { describeIssues, type FieldIssue };

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** A text of one line: no line breaks, no control characters, no broken surrogate pairs. */
export function line<S extends z.ZodString>(schema: S): S {
  return schema.refine(oneLine, { message: NO_LINE_BREAKS }).refine(usableText, { message: UNUSABLE_CHARACTERS });
}

/** A text of several lines: line breaks and tabs allowed, other control characters not. */
export function prose<S extends z.ZodString>(schema: S): S {
  return schema.refine(usableText, { message: UNUSABLE_CHARACTERS });
}

// Fresh copies of the shared patterns: zod resets a pattern's lastIndex, and shared modules are frozen.
export const isoDateSchema = z
  .string()
  .regex(new RegExp(ISO_DATE.source), DATE_FORMAT)
  .refine((s) => isValidDate(s), { message: NO_SUCH_DATE });

/** Accepts "461" as well as "0461"; rejects codes that are not one of the 98 municipalities. */
export const municipalityCodeSchema = z
  .string()
  .trim()
  .regex(new RegExp(CODE_DIGITS.source), CODE_FORMAT)
  .transform((code) => code.padStart(4, '0'))
  .refine((code) => isMunicipality(code), { message: UNKNOWN_CODE });

export const regionCodeSchema = z.enum(Object.keys(REGIONS) as [RegionCode, ...RegionCode[]], {
  message: 'Ukendt regionskode (1081-1085)',
});
