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
