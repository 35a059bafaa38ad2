// A respondent's answer to a questionnaire and the rules it must keep, without a validation
// library: the municipality's workflow checks answers with `checkAnswer` in every Update validator,
// and the zod schema the API, pages and tests use (domain/answer-schema.ts) is built on it. Each
// kind of question is one row of KINDS; conditions and computed values are evaluated by
// domain/expressions.ts, the same code the pages and the report use.
import { ATTACHMENT_MEDIA_TYPES, ATTACHMENT_REF, MAX_ATTACHMENT_BYTES, type AttachmentRef } from './attachments';
import { at, Checker, type Checked } from './check';
import { evaluate, holds, type Rule, type Scope } from './expressions';
import { danishNumber } from './numbers';
import type { Column, Question, Questionnaire } from './questionnaire';

export const PROVIDER_TYPES = {
  egen_kommune: 'Egen kommune',
  anden_kommune: 'Anden kommune',
  region: 'Region',
  privat: 'Privat leverandør',
} as const;
export type ProviderType = keyof typeof PROVIDER_TYPES;
const PROVIDERS = Object.keys(PROVIDER_TYPES) as ProviderType[];

export interface ServiceRow {
  offer: string;
  provider: ProviderType;
  providerName?: string;
  legalBasis: string;
  places: number;
}

/** A cell of a table: a number (or percent), a text, an option's id, or yes/no. */
export type Cell = number | string | boolean;
export type TableRow = Record<string, Cell>;
export type AnswerValue = number | string | boolean | string[] | TableRow[] | ServiceRow[] | AttachmentRef;
export type AnswerValues = Record<string, AnswerValue>;

/** Rows of a table (and of the offers) per respondent. */
export const MAX_TABLE_ROWS = 200;
export const MAX_SERVICE_ROWS = MAX_TABLE_ROWS;
const SERVICE_FIELDS = ['offer', 'provider', 'providerName', 'legalBasis', 'places'] as const;
const REQUIRED = 'Feltet skal udfyldes';

interface NumberRules {
  min: number;
  max: number;
  decimals: number;
  /** A count (of people, places) says so when it is negative. */
  count?: boolean;
}

const format = (n: number) => danishNumber(n);

function numberValue(c: Checker, value: unknown, path: string, rules: NumberRules): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return c.fail(path, value === undefined ? REQUIRED : 'Skal være et tal');
  const before = c.issues.length;
  if (Number(value.toFixed(rules.decimals)) !== value)
    c.fail(path, rules.decimals === 0 ? 'Skal være et helt tal' : `Højst ${rules.decimals} decimal${rules.decimals > 1 ? 'er' : ''}`);
  if (value < rules.min)
    c.fail(path, rules.min === 0 ? `${rules.count ? 'Antallet kan' : 'Kan'} ikke være negativt` : `Mindst ${format(rules.min)}`);
  if (value > rules.max) c.fail(path, `Højst ${format(rules.max)}`);
  return c.issues.length === before ? value : undefined;
}

function serviceRow(c: Checker, value: unknown, path: string): ServiceRow | undefined {
  const o = c.object(value, path, SERVICE_FIELDS);
  if (!o) return undefined;
  const offer = c.text(o.offer, at(path, 'offer'), { min: 1, max: 200, minMessage: 'Angiv tilbuddets navn' });
  const provider = c.oneOf(
    o.provider,
    at(path, 'provider'),
    PROVIDERS,
    'Leverandørtypen skal være egen_kommune, anden_kommune, region eller privat',
  );
  const providerName = o.providerName === undefined ? undefined : c.text(o.providerName, at(path, 'providerName'), { max: 200 });
  const legalBasis = c.text(o.legalBasis, at(path, 'legalBasis'), { min: 1, max: 100, minMessage: 'Angiv lovgrundlag, fx SEL § 107' });
  const places = numberValue(c, o.places, at(path, 'places'), { min: 0, max: 100_000, decimals: 0, count: true });
  if (offer === undefined || !provider || legalBasis === undefined || places === undefined) return undefined;
  return { offer, provider, ...(providerName !== undefined ? { providerName } : {}), legalBasis, places };
}

function choice(c: Checker, value: unknown, path: string, options: { id: string }[]): string | undefined {
  const ids = options.map((o) => o.id);
  return c.oneOf(value, path, ids, value === undefined ? REQUIRED : 'Vælg en af mulighederne');
}

function yesno(c: Checker, value: unknown, path: string): boolean | undefined {
  return typeof value === 'boolean' ? value : c.fail(path, value === undefined ? REQUIRED : 'Svar ja eller nej');
}

/** A file uploaded before (its reference); that it is this respondent's own, the application checks. */
function attachment(c: Checker, value: unknown, path: string): AttachmentRef | undefined {
  const o = c.object(value, path, ['ref', 'name', 'size', 'mediaType'], value === undefined ? REQUIRED : 'Skal være en vedhæftet fil');
  if (!o) return undefined;
  const ref = typeof o.ref === 'string' && ATTACHMENT_REF.test(o.ref) ? o.ref : c.fail(at(path, 'ref'), 'Ukendt fil');
  const name = c.text(o.name, at(path, 'name'), { min: 1, max: 200 });
  const size = numberValue(c, o.size, at(path, 'size'), { min: 1, max: MAX_ATTACHMENT_BYTES, decimals: 0 });
  const mediaType = c.oneOf(o.mediaType, at(path, 'mediaType'), ATTACHMENT_MEDIA_TYPES, 'Kun PDF, Word (DOCX) og Excel (XLSX)');
  return ref && name && size !== undefined && mediaType ? { ref, name, size, mediaType } : undefined;
}

/** A value counts as answered unless it is absent or an empty text. */
const answered = (value: unknown) => value !== undefined && value !== '';

/**
 * Whether a question or column is shown and must be answered, given the answers so far: shown
 * unless its `shownWhen` fails; required when `required` or its `requiredWhen` holds.
 */
export function conditionsOf(item: { required: boolean; shownWhen?: Rule; requiredWhen?: Rule }, scope: Scope) {
  const shown = !item.shownWhen || holds(item.shownWhen, scope);
  return { shown, needed: shown && (item.required || (item.requiredWhen !== undefined && holds(item.requiredWhen, scope))) };
}

/** A cell of one column, read by the column's kind. */
function cell(c: Checker, column: Column, value: unknown, path: string): Cell | undefined {
  switch (column.kind) {
    case 'text':
      return c.text(value, path, { max: column.maxLength });
    case 'number':
    case 'percent':
      return numberValue(c, value, path, column);
    case 'choice':
      return choice(c, value, path, column.options);
    case 'yesno':
      return yesno(c, value, path);
    case 'computed':
      return undefined;
  }
}

/** A row's cells with its computed columns worked out, and a scope that reads the row before the answer. */
export function rowScope(columns: Column[], row: TableRow, outer: Scope): Scope {
  const scope: Scope = (ref) => {
    const column = columns.find((col) => col.id === ref);
    if (!column) return outer(ref);
    if (column.kind === 'computed') return evaluate(column.expr, scope);
    return row[ref];
  };
  return scope;
}

function tableRow(
  c: Checker,
  question: Extract<Question, { kind: 'table' }>,
  value: unknown,
  path: string,
  complete: boolean,
  outer: Scope,
) {
  const inputs = question.columns.filter((col) => col.kind !== 'computed');
  const o = c.object(
    value,
    path,
    inputs.map((col) => col.id),
    'Skal være en række (et objekt med kolonnernes id)',
  );
  if (!o) return undefined;
  const before = c.issues.length;
  const row: TableRow = {};
  for (const column of inputs) {
    if (!answered(o[column.id])) continue;
    const v = cell(c, column, o[column.id], at(path, column.id));
    if (v !== undefined && v !== '') row[column.id] = v;
  }
  const scope = rowScope(question.columns, row, outer);
  for (const column of inputs) {
    const { shown, needed } = conditionsOf(column, scope);
    if (!shown && complete) delete row[column.id];
    else if (needed && complete && !answered(row[column.id]) && !c.issues.some((i) => i.path === at(path, column.id)))
      c.fail(at(path, column.id), REQUIRED);
  }
  return c.issues.length === before ? row : undefined;
}

/** How each kind of question reads its answer (before conditions: an empty text is allowed here). */
type Reader = (c: Checker, question: Question, value: unknown, path: string, complete: boolean, scope: Scope) => AnswerValue | undefined;

const KINDS: Record<Question['kind'], Reader | undefined> = {
  number: (c, q, v, path) => (q.kind === 'number' ? numberValue(c, v, path, { ...q, count: q.decimals === 0 }) : undefined),
  text: (c, q, v, path) => (q.kind === 'text' ? c.text(v, path, { max: q.maxLength, multiline: true }) : undefined),
  choice: (c, q, v, path) => {
    if (q.kind !== 'choice') return undefined;
    if (!q.multiple) return choice(c, v, path, q.options);
    if (!Array.isArray(v)) return c.fail(path, 'Skal være en liste af muligheder');
    const chosen = v.map((x, i) => choice(c, x, at(path, i), q.options));
    if (new Set(v).size !== v.length) return c.fail(path, 'En mulighed er valgt flere gange');
    return chosen.every((x) => x !== undefined) ? chosen : undefined;
  },
  yesno: (c, _q, v, path) => yesno(c, v, path),
  date: (c, _q, v, path) => c.isoDate(v, path),
  table: (c, q, v, path, complete, scope) => {
    if (q.kind !== 'table') return undefined;
    if (!Array.isArray(v)) return c.fail(path, 'Skal være en liste af rækker');
    if (q.rows && v.length !== q.rows.length) return c.fail(path, `Skal have én række for hver af de ${q.rows.length} givne rækker`);
    if (v.length > q.maxRows) return c.fail(path, `Højst ${q.maxRows} rækker`);
    const rows = v.map((row, i) => tableRow(c, q, row, at(path, i), complete, scope));
    return rows.every((r) => r !== undefined) ? rows : undefined;
  },
  // A computed value is worked out, never given (domain/answer.ts `computed`).
  computed: undefined,
  attachment: (c, _q, v, path) => attachment(c, v, path),
  services: (c, _q, v, path) => {
    if (!Array.isArray(v)) return c.fail(path, v === undefined ? REQUIRED : 'Skal være en liste af tilbud');
    if (v.length > MAX_SERVICE_ROWS) return c.fail(path, `Højst ${MAX_SERVICE_ROWS} tilbud`);
    const rows = v.map((row, i) => serviceRow(c, row, at(path, i)));
    return rows.every((r) => r !== undefined) ? rows : undefined;
  },
};

const questionsOf = (questionnaire: Questionnaire) => questionnaire.themes.flatMap((t) => t.questions);

/** What a reference names in an answer: a question's value, or a computed question's result. */
export function answerScope(questionnaire: Questionnaire, values: Record<string, unknown>): Scope {
  const questions = questionsOf(questionnaire);
  const scope: Scope = (ref) => {
    const question = questions.find((q) => q.id === ref);
    return question?.kind === 'computed' ? evaluate(question.expr, scope) : values[ref];
  };
  return scope;
}

/**
 * An answer to one questionnaire, read from anything. `complete` (a submission) requires every
 * question that is shown and required (by `required` or a `requiredWhen` that holds), and leaves out
 * what a failed `shownWhen` hides; a draft may leave anything out and keeps what it has, if valid.
 * Unknown question ids, and values for computed questions, are never accepted. Texts are trimmed.
 */
export function checkAnswer(questionnaire: Questionnaire, input: unknown, complete: boolean, path = ''): Checked<AnswerValues> {
  const c = new Checker();
  const questions = questionsOf(questionnaire);
  const given = c.object(
    input,
    path,
    questions.filter((q) => KINDS[q.kind]).map((q) => q.id),
    'Skal være et objekt med svar',
  );
  const values: AnswerValues = {};
  if (given) {
    // First each answer by its kind; a table's rows see the answers read so far.
    const scope = answerScope(questionnaire, values);
    const tablesLast = [...questions.filter((q) => q.kind !== 'table'), ...questions.filter((q) => q.kind === 'table')];
    for (const question of tablesLast) {
      const read = KINDS[question.kind];
      const raw = given[question.id];
      if (!read || raw === undefined) continue;
      const value = read(c, question, raw, at(path, question.id), complete, scope);
      if (value !== undefined) values[question.id] = value;
    }
    // Then what the conditions ask of them.
    for (const question of questions) {
      if (!KINDS[question.kind]) continue;
      const { shown, needed } = conditionsOf(question, scope);
      const here = at(path, question.id);
      if (!shown && complete) delete values[question.id];
      else if (needed && complete && c.issues.every((i) => i.path !== here && !i.path.startsWith(`${here}.`))) {
        const value = values[question.id];
        if (!answered(value)) c.fail(here, REQUIRED);
        else if (question.kind === 'choice' && question.multiple && Array.isArray(value) && value.length === 0)
          c.fail(here, 'Vælg mindst én');
      }
    }
  }
  return c.done(values);
}

/** The computed values of an answer: each computed question's result, and each table row's computed columns. */
export function withComputed(questionnaire: Questionnaire, values: AnswerValues): Record<string, unknown> {
  const scope = answerScope(questionnaire, values);
  const out: Record<string, unknown> = { ...values };
  for (const question of questionsOf(questionnaire)) {
    if (question.kind === 'computed') {
      const v = evaluate(question.expr, scope);
      if (v !== undefined) out[question.id] = roundTo(v, question.decimals);
    } else if (question.kind === 'table' && Array.isArray(values[question.id])) {
      out[question.id] = (values[question.id] as TableRow[]).map((row) => {
        const rs = rowScope(question.columns, row, scope);
        const computed: TableRow = {};
        for (const col of question.columns) {
          if (col.kind !== 'computed') continue;
          const v = evaluate(col.expr, rs);
          if (v !== undefined) computed[col.id] = roundTo(v, col.decimals);
        }
        return { ...row, ...computed };
      });
    }
  }
  return out;
}

export const roundTo = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
