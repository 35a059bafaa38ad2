// The rules for text people type, without a validation library: the municipality's workflow checks
// with these directly, and the zod schemas (domain/zod.ts) refine with the same functions.

// Control characters have no place in what people type here, and several break what udmeld writes
// (XML in Word and Excel files, e-mail headers); neither do broken surrogate pairs.
// eslint-disable-next-line no-control-regex -- control characters are what this rule finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNUSABLE_CHARACTERS = 'Indeholder tegn, der ikke kan bruges (styretegn)';
export const NO_LINE_BREAKS = 'Må ikke indeholde linjeskift';

export const usableText = (s: string) => !CONTROL.test(s) && !LONE_SURROGATE.test(s);
export const oneLine = (s: string) => !LINE_BREAK.test(s);

/** The same rules as patterns for JSON Schema (whose readers cannot run the functions above): the
 * characters a text may hold, split into the white space that trimming removes and the rest. */
export interface TextPattern {
  space: string;
  other: string;
}
const TRIMMED = '\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\uFEFF';
const NOT_ALLOWED = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF';
export const LINE_PATTERN: TextPattern = { space: `\\t${TRIMMED}`, other: `^\\t\\n\\r\\u2028\\u2029${TRIMMED}${NOT_ALLOWED}` };
export const PROSE_PATTERN: TextPattern = {
  space: `\\t\\n\\r\\u2028\\u2029${TRIMMED}`,
  other: `^\\t\\n\\r\\u2028\\u2029${TRIMMED}${NOT_ALLOWED}`,
};

/** A pattern for texts of these characters with at least `min` left once the white space around them is trimmed. */
export function trimmedAtLeast(min: number, { space, other }: TextPattern): string {
  const s = `[${space}]`;
  const o = `[${other}]`;
  const any = `(?:${s}|${o})`;
  if (min === 0) return `^${any}*$`;
  if (min === 1) return `^${s}*${o}${any}*$`;
  return `^${s}*${o}${any}{${min - 2},}${o}${s}*$`;
}
