// Every module that validates with zod imports `z` from here, so Danish error messages are configured
// once, in the API, the worker and the workflow sandbox alike; and the schemas of the primitives
// (texts, dates, municipality and region codes) are here, built on the plain rules they share with
// the municipality's workflow (which runs without zod).
import { z } from 'zod';
import da from 'zod/v4/locales/da.js';
import { describeIssues, type FieldIssue } from './issues';
import { CODE_DIGITS, CODE_FORMAT, isRespondent, MUNICIPALITIES, REGIONS, UNKNOWN_CODE, type RegionCode } from './municipalities';
import {
  LINE_PATTERN,
  NO_LINE_BREAKS,
  oneLine,
  PROSE_PATTERN,
  trimmedAtLeast,
  UNUSABLE_CHARACTERS,
  usableText,
  type TextPattern,
} from './text-rules';
import { DATE_FORMAT, ISO_DATE, isValidDate, NO_SUCH_DATE } from './time';

z.config(da());

export { z };

export { describeIssues, type FieldIssue };

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => flatten(issue, []));
}

type Issue = z.core.$ZodIssue;

/**
 * An issue where it is: a value that fits none of a union's shapes is reported inside the one shape
 * it has (an expression with an unknown operation: at its `op`), when exactly one shape has its keys.
 */
function flatten(issue: Issue, base: PropertyKey[]): FieldIssue[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    const shaped = issue.errors.filter(
      (branch) => !branch.some((i) => i.path.length === 0 || (i.code === 'invalid_type' && i.input === undefined)),
    );
    if (shaped.length === 1 && shaped[0]) return shaped[0].flatMap((i) => flatten(i, path));
  }
  return [{ path: path.map(String).join('.'), message: issue.message }];
}

/** The keys of a table of labels (statuses, phases, kinds) as an enum. */
export function enumOf<T extends Record<string, unknown>>(table: T) {
  return z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]);
}

interface TextLimits {
  /** Characters after surrounding white space is trimmed (what is kept). */
  min?: number;
  /** Characters as sent, white space included. */
  max: number;
  /** Said when fewer than `min` characters are left. */
  tooShort?: string;
}

/** A text of one line: no line breaks, no control characters, no broken surrogate pairs. */
export const line = (limits: TextLimits) => text(limits, LINE_PATTERN, true);

/** A text of several lines: line breaks and tabs allowed, other control characters not. */
export const prose = (limits: TextLimits) => text(limits, PROSE_PATTERN, false);

/**
 * A text people type, trimmed. Lengths count characters (code points, as JSON Schema does), not
 * UTF-16 units, and the JSON Schema the OpenAPI document shows says exactly what is accepted: the
 * characters allowed, the length as sent, and how many must be left once trimmed.
 */
function text({ min = 0, max, tooShort }: TextLimits, chars: TextPattern, single: boolean) {
  const length = (s: string) => [...s].length;
  const schema = z
    .string()
    .refine((s) => length(s) <= max, { message: `Højst ${max} tegn` })
    .refine(usableText, { message: UNUSABLE_CHARACTERS });
  return (single ? schema.refine(oneLine, { message: NO_LINE_BREAKS }) : schema)
    .trim()
    .refine((s) => length(s) >= min, { message: tooShort ?? (min === 1 ? 'Skal udfyldes' : `Mindst ${min} tegn`) })
    .meta({ maxLength: max, pattern: trimmedAtLeast(min, chars) });
}

// Fresh copies of the shared patterns: zod resets a pattern's lastIndex, and shared modules are frozen.
export const isoDateSchema = z
  .string()
  // A date not written as one is told so once, not also that it does not exist.
  .regex(new RegExp(ISO_DATE.source), { message: DATE_FORMAT, abort: true })
  .refine((s) => isValidDate(s), { message: NO_SUCH_DATE })
  .meta({ format: 'date', pattern: '^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$' });

/** Accepts "461" as well as "0461"; rejects codes that are not one of the 98 municipalities, or a region (1081-1085) as a respondent. */
export const municipalityCodeSchema = z
  .string()
  .regex(new RegExp(CODE_DIGITS.source), CODE_FORMAT)
  .transform((code) => code.padStart(4, '0'))
  .refine((code) => isRespondent(code), { message: UNKNOWN_CODE })
  .meta({ pattern: `^0?(${[...MUNICIPALITIES.map((m) => m.code), ...Object.keys(REGIONS)].map((c) => c.replace(/^0/, '')).join('|')})$` });

export const regionCodeSchema = z.enum(Object.keys(REGIONS) as [RegionCode, ...RegionCode[]], {
  message: 'Ukendt regionskode (1081-1085)',
});
