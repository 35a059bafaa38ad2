// The questionnaire as an HTML form, and the posted form back into answer values. Each kind of
// question is one row of KINDS: how it is drawn, and how its fields are read back. Conditions are
// the checker's own (domain/answer.ts): a question whose `shownWhen` fails for the answers so far is
// not drawn, and one required by a rule says so in its hint. Field names are the dotted paths the
// validators report, so errors find their field.
import { parseDanishNumber } from '../domain/numbers';
import { attachmentText, type AttachmentRef } from '../domain/attachments';
import {
  answerScope,
  conditionsOf,
  PROVIDER_TYPES,
  rowScope,
  withComputed,
  type AnswerValues,
  type ServiceRow,
  type TableRow,
} from '../domain/answer';
import { answerText, cellText } from '../domain/answer-text';
import { describeRule, type Rule, type Scope } from '../domain/expressions';
import type { Column, Question, QuestionKind, Questionnaire } from '../domain/questionnaire';
import type { FieldIssue } from '../domain/zod';
import { fieldId, input, select, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';

const SERVICE_FIELDS = ['offer', 'provider', 'providerName', 'legalBasis', 'places'] as const;
/** An attachment question's fields: the file chosen now, and the one attached before. */
export const UPLOAD = 'fil';
const KEPT = 'vedhaeftet';
export const attachmentField = (questionId: string) => ({ upload: `values.${questionId}.${UPLOAD}`, kept: `values.${questionId}.${KEPT}` });
/** The question a posted file's field answers (`values.<id>.fil`), if it is one. */
export const attachmentQuestionOf = (field: string) => new RegExp(`^values\\.([a-z0-9_-]+)\\.${UPLOAD}$`).exec(field)?.[1];
/** Whether the form sends files (then as multipart/form-data). */
export const takesFiles = (questionnaire: Questionnaire) => questionsOf(questionnaire).some((q) => q.kind === 'attachment');
type Posted = Record<string, string | undefined>;
type Values = Record<string, unknown>;

interface Drawing {
  question: Question;
  path: string;
  values: Values;
  issues: FieldIssue[];
  /** Rows to add to a table (a press of "Tilføj række"). */
  extra: number;
  hint?: string;
  labelOf: (ref: string) => string;
  /** What a reference names among the answers so far (computed questions too). */
  scope: Scope;
}

interface Kind {
  draw(d: Drawing): Html;
  /** The question's value from the posted fields; undefined when nothing was given. */
  read(question: Question, path: string, body: Posted): unknown;
}

const YES_NO: [string, string][] = [
  ['', 'Vælg'],
  ['ja', 'Ja'],
  ['nej', 'Nej'],
];
const asBoolean = (raw: string) => (raw === 'ja' ? true : raw === 'nej' ? false : raw);

const number = parseDanishNumber;

const posted = (body: Posted, path: string) => body[path]?.trim() ?? '';
const scalar = (read: (raw: string) => unknown) => (_q: Question, path: string, body: Posted) => {
  const raw = posted(body, path);
  return raw === '' ? undefined : read(raw);
};
const shownNumber = (v: unknown) => (typeof v === 'number' ? String(v).replace('.', ',') : (v as string | undefined));

const KINDS: Record<QuestionKind, Kind> = {
  number: {
    draw: ({ question: q, path, values, issues, hint }) =>
      input({
        path,
        label: q.label,
        issues,
        required: q.required,
        type: 'text',
        inputmode: q.kind === 'number' && q.decimals > 0 ? 'decimal' : 'numeric',
        value: shownNumber(values[q.id]),
        hint: hint ?? (q.kind === 'number' ? `Angiv ${q.decimals ? 'et tal' : 'et helt tal'}${q.unit ? ` (${q.unit})` : ''}.` : ''),
      }),
    read: scalar(number),
  },
  text: {
    draw: ({ question: q, path, values, issues, hint }) =>
      textarea({
        path,
        label: q.label,
        issues,
        required: q.required,
        value: values[q.id] as string | undefined,
        ...(q.kind === 'text' ? { maxLength: q.maxLength } : {}),
        ...(hint ? { hint } : {}),
      }),
    read: scalar((raw) => raw),
  },
  choice: {
    draw: ({ question: q, path, values, issues, hint }) => {
      if (q.kind !== 'choice') return html``;
      if (!q.multiple)
        return select({
          path,
          label: q.label,
          issues,
          required: q.required,
          value: values[q.id] as string | undefined,
          options: [['', 'Vælg'], ...q.options.map((o): [string, string] => [o.id, o.label])],
          ...(hint ? { hint } : {}),
        });
      const chosen = (values[q.id] as string[] | undefined) ?? [];
      const error = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
      return html`<fieldset id="${fieldId(path)}" tabindex="-1"${error ? html` aria-describedby="${fieldId(path)}-fejl"` : ''}><legend>${bdi(q.label)}</legend>${hint ? html`<p class="hint">${hint}</p>` : ''}${error ? html`<p class="error" id="${fieldId(path)}-fejl">${error}</p>` : ''}
${q.options.map((o) => html`<label class="choice"><input type="checkbox" name="${path}.${o.id}" value="ja"${chosen.includes(o.id) ? html` checked` : ''}> ${bdi(o.label)}</label>`)}</fieldset>`;
    },
    read: (q, path, body) => {
      if (q.kind !== 'choice') return undefined;
      if (!q.multiple) return posted(body, path) || undefined;
      // Once on the page, a multiple choice answers, if only with none chosen.
      if (!onPage(body, path)) return undefined;
      return q.options.filter((o) => body[`${path}.${o.id}`] === 'ja').map((o) => o.id);
    },
  },
  yesno: {
    draw: ({ question: q, path, values, issues, hint }) =>
      select({
        path,
        label: q.label,
        issues,
        required: q.required,
        value: values[q.id] === true ? 'ja' : values[q.id] === false ? 'nej' : '',
        options: YES_NO,
        ...(hint ? { hint } : {}),
      }),
    read: scalar(asBoolean),
  },
  attachment: {
    // The file already attached travels in a hidden field; a new one is uploaded by the page (multipart).
    draw: ({ question: q, path, values, issues, hint }) => {
      const file = values[q.id] as AttachmentRef | undefined;
      const kept = file && typeof file === 'object' ? file : undefined;
      return html`${input({
        path,
        name: `${path}.${UPLOAD}`,
        label: q.label,
        issues,
        required: q.required && !kept,
        type: 'file',
        accept:
          '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        hint: `${hint ? `${hint} ` : ''}PDF, Word (DOCX) eller Excel (XLSX), højst 20 MB.${kept ? ` Vedhæftet nu: ${attachmentText(kept)}. Vælg en ny fil for at erstatte den.` : ''}`,
      })}${kept ? html`<input type="hidden" name="${path}.${KEPT}" value="${JSON.stringify(kept)}">` : ''}`;
    },
    read: (_q, path, body) => {
      const raw = posted(body, `${path}.${KEPT}`);
      if (!raw) return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return raw;
      }
    },
  },
  date: {
    draw: ({ question: q, path, values, issues, hint }) =>
      input({
        path,
        label: q.label,
        issues,
        required: q.required,
        type: 'date',
        value: values[q.id] as string | undefined,
        ...(hint ? { hint } : {}),
      }),
    read: scalar((raw) => raw),
  },
  // Worked out from the other answers, shown as they stand.
  computed: {
    draw: ({ question: q, values }) => {
      const value = withComputed({ themes: [{ id: 't', title: 't', questions: [q] }] }, values as AnswerValues)[q.id];
      return html`<p><strong>${bdi(q.label)}:</strong> ${answerText(q, value)} <span class="hint">(beregnes)</span></p>`;
    },
    read: () => undefined,
  },
  table: { draw: drawTable, read: readTable },
  services: { draw: drawServices, read: readServices },
};

/** The hint a rule gives a question or column: when it must be answered. */
function ruleHint(item: { required: boolean; requiredWhen?: Rule }, labelOf: (ref: string) => string): string | undefined {
  return !item.required && item.requiredWhen ? `Skal udfyldes, ${describeRule(item.requiredWhen, labelOf)}.` : undefined;
}

function drawTable(d: Drawing): Html {
  const q = d.question;
  if (q.kind !== 'table') return html``;
  const rows = [...((d.values[q.id] as TableRow[] | undefined) ?? [])];
  if (q.rows) while (rows.length < q.rows.length) rows.push({});
  else for (let i = 0; i < (d.extra || (rows.length === 0 ? 1 : 0)); i++) rows.push({});
  const outer = d.scope;
  const error = d.issues.find((i) => i.path === d.path)?.message;
  const hints = q.columns.flatMap((c) => {
    const h = ruleHint(c, d.labelOf);
    return h ? [`${c.label}: ${h.toLowerCase()}`] : [];
  });
  return html`<div id="${fieldId(d.path)}" tabindex="-1" class="table-question">
<h3>${bdi(q.label)}</h3>
${q.help ? html`<p class="hint">${bdi(q.help)}</p>` : q.rows ? '' : html`<p class="hint">Én række pr. linje. Lad en række stå tom, hvis den ikke skal bruges.</p>`}
${hints.length ? html`<ul class="hint">${hints.map((h) => html`<li>${h}</li>`)}</ul>` : ''}
${error ? html`<p class="error">${error}</p>` : ''}
<div class="scroll"><table>
<caption class="visually-hidden">${q.label}</caption>
<thead><tr>${q.rows ? html`<th scope="col">Række</th>` : ''}${q.columns.map((c) => html`<th scope="col">${bdi(c.label)}${c.required || c.kind === 'computed' ? '' : c.requiredWhen ? html` <span class="hint">(se note)</span>` : html` <span class="hint">(valgfri)</span>`}</th>`)}${q.rows ? '' : html`<th scope="col"><span class="visually-hidden">Fjern</span></th>`}</tr></thead>
<tbody>
${rows.map((row, i) => {
  const scope = rowScope(q.columns, row, outer);
  const rowName = q.rows?.[i]?.label ?? `række ${i + 1}`;
  return html`<tr>${q.rows ? html`<th scope="row">${bdi(rowName)}</th>` : ''}${q.columns.map((c) => cellField(d, c, row, i, rowName, scope))}${
    q.rows
      ? ''
      : html`<td><button type="submit" class="secondary" name="handling" value="fjern:${q.id}:${i}" formnovalidate>Fjern<span class="visually-hidden"> ${rowName}</span></button></td>`
  }</tr>`;
})}
</tbody>
</table></div>
${q.rows ? '' : html`<button type="submit" class="secondary" name="handling" value="tilfoej:${q.id}" formnovalidate>Tilføj række</button>`}
</div>`;
}

function cellField(d: Drawing, column: Column, row: TableRow, i: number, rowName: string, scope: Scope): Html {
  const p = `${d.path}.${i}.${column.id}`;
  if (column.kind === 'computed') {
    const v = scope(column.id);
    return html`<td class="num" id="${fieldId(p)}">${cellText(column, typeof v === 'number' ? v : undefined)}</td>`;
  }
  const e = d.issues.find((x) => x.path === p)?.message;
  const { shown } = conditionsOf(column, scope);
  const attrs = html` id="${fieldId(p)}" name="${p}" aria-label="${column.label}, ${rowName}"${e ? html` aria-invalid="true" class="invalid" aria-describedby="${fieldId(p)}-fejl"` : ''}`;
  const value = row[column.id];
  const control =
    column.kind === 'choice'
      ? html`<select${attrs}>${[['', 'Vælg'], ...column.options.map((o) => [o.id, o.label])].map(([v, t]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${t}</option>`)}</select>`
      : column.kind === 'yesno'
        ? html`<select${attrs}>${YES_NO.map(([v, t]) => html`<option value="${v}"${(value === true && v === 'ja') || (value === false && v === 'nej') ? html` selected` : ''}>${t}</option>`)}</select>`
        : column.kind === 'text' && column.maxLength > 200
          ? html`<textarea${attrs} dir="auto" rows="2" maxlength="${column.maxLength}">${(value as string | undefined) ?? ''}</textarea>`
          : html`<input type="text"${attrs} value="${column.kind === 'text' ? ((value as string | undefined) ?? '') : (shownNumber(value) ?? '')}"${column.kind === 'text' ? html` dir="auto" class="text"` : html` inputmode="decimal" class="number"`}>`;
  return html`<td${shown ? '' : html` class="muted"`}>${control}${e ? html`<p class="error" id="${fieldId(p)}-fejl">${e}</p>` : ''}</td>`;
}

function readTable(q: Question, path: string, body: Posted): unknown {
  if (q.kind !== 'table' || !onPage(body, path)) return undefined;
  const inputs = q.columns.filter((c) => c.kind !== 'computed');
  const rows: Record<string, unknown>[] = [];
  const count = q.rows?.length ?? q.maxRows;
  for (let i = 0; i < count; i++) {
    const field = (c: Column) => posted(body, `${path}.${i}.${c.id}`);
    if (!q.rows && inputs.every((c) => body[`${path}.${i}.${c.id}`] === undefined)) break;
    if (!q.rows && inputs.every((c) => field(c) === '')) continue;
    const row: Record<string, unknown> = {};
    for (const c of inputs) {
      const raw = field(c);
      if (raw === '') continue;
      row[c.id] = c.kind === 'number' || c.kind === 'percent' ? number(raw) : c.kind === 'yesno' ? asBoolean(raw) : raw;
    }
    rows.push(row);
  }
  return rows;
}

function drawServices(d: Drawing): Html {
  const q = d.question;
  const rows = [...((d.values[q.id] as ServiceRow[] | undefined) ?? [])];
  for (let i = 0; i < (d.extra || (rows.length === 0 ? 1 : 0)); i++)
    rows.push({ offer: '', provider: 'egen_kommune', legalBasis: '', places: '' as unknown as number });
  const error = d.issues.find((i) => i.path === d.path)?.message;
  return html`<div id="${fieldId(d.path)}" tabindex="-1">
<h3>${bdi(q.label)}</h3>
<p class="hint">Én række pr. tilbud eller indsats. Lad en række stå tom, hvis den ikke skal bruges.${q.required ? '' : ' (valgfri)'}</p>
${error ? html`<p class="error">${error}</p>` : ''}
<table>
<caption class="visually-hidden">${q.label}</caption>
<thead><tr><th scope="col">Tilbud</th><th scope="col">Leverandørtype</th><th scope="col">Leverandør</th><th scope="col">Lovgrundlag</th><th scope="col">Pladser</th><th scope="col"><span class="visually-hidden">Fjern</span></th></tr></thead>
<tbody>
${rows.map((row, i) => {
  const cell = (f: (typeof SERVICE_FIELDS)[number], label: string) => {
    const p = `${d.path}.${i}.${f}`;
    const e = d.issues.find((x) => x.path === p)?.message;
    const attrs = html` id="${fieldId(p)}" name="${p}" aria-label="${label}, række ${i + 1}"${e ? html` aria-invalid="true" class="invalid" aria-describedby="${fieldId(p)}-fejl"` : ''}`;
    const control =
      f === 'provider'
        ? html`<select${attrs}>${Object.entries(PROVIDER_TYPES).map(([v, t]) => html`<option value="${v}"${v === row.provider ? html` selected` : ''}>${t}</option>`)}</select>`
        : html`<input type="text"${attrs} value="${(row as unknown as Record<string, string | number | undefined>)[f] ?? ''}"${f === 'places' ? html` inputmode="numeric"` : ''}>`;
    return html`<td>${control}${e ? html`<p class="error" id="${fieldId(p)}-fejl">${e}</p>` : ''}</td>`;
  };
  return html`<tr>${cell('offer', 'Tilbud')}${cell('provider', 'Leverandørtype')}${cell('providerName', 'Leverandør')}${cell('legalBasis', 'Lovgrundlag, fx SEL § 107')}${cell('places', 'Pladser')}
<td><button type="submit" class="secondary" name="handling" value="fjern:${q.id}:${i}" formnovalidate>Fjern<span class="visually-hidden"> række ${i + 1}</span></button></td></tr>`;
})}
</tbody>
</table>
<button type="submit" class="secondary" name="handling" value="tilfoej:${q.id}" formnovalidate>Tilføj række</button>
</div>`;
}

function readServices(_q: Question, path: string, body: Posted): unknown {
  if (!onPage(body, path)) return undefined;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 200; i++) {
    const field = (f: string) => posted(body, `${path}.${i}.${f}`);
    if (SERVICE_FIELDS.every((f) => body[`${path}.${i}.${f}`] === undefined)) break;
    if (SERVICE_FIELDS.every((f) => f === 'provider' || field(f) === '')) continue;
    rows.push({
      offer: field('offer'),
      provider: field('provider'),
      ...(field('providerName') ? { providerName: field('providerName') } : {}),
      legalBasis: field('legalBasis'),
      places: number(field('places')),
    });
  }
  return rows;
}

const questionsOf = (questionnaire: Questionnaire) => questionnaire.themes.flatMap((t) => t.questions);

/** Questions of several fields (a table, a multiple choice) carry a marker, so that none filled in still answers. */
const MARKER = 'paa-siden';
const onPage = (body: Posted, path: string) => body[`${path}.${MARKER}`] !== undefined;
const hasMarker = (q: Question) => q.kind === 'table' || q.kind === 'services' || (q.kind === 'choice' && q.multiple);

/** A question that was not on the page (hidden by a condition) has no fields, and nothing is read for it. */
export function parseAnswerForm(questionnaire: Questionnaire, body: Posted): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const question of questionsOf(questionnaire)) {
    const value = KINDS[question.kind].read(question, `values.${question.id}`, body);
    if (value !== undefined) values[question.id] = value;
  }
  return values;
}

/** What the error summary names each field by: a question's label, a table cell's column and row. */
export function questionLabels(questionnaire: Questionnaire, issues: FieldIssue[] = []): Record<string, string> {
  const labels: Record<string, string> = Object.fromEntries(questionsOf(questionnaire).map((q) => [`values.${q.id}`, q.label]));
  for (const { path } of issues) {
    const [, id, row, columnId] = path.split('.');
    const q = questionsOf(questionnaire).find((x) => x.id === id);
    if (q?.kind !== 'table' || row === undefined || columnId === undefined) continue;
    const column = q.columns.find((c) => c.id === columnId);
    if (column) labels[path] = `${column.label}, ${q.rows?.[Number(row)]?.label ?? `række ${Number(row) + 1}`}`;
  }
  return labels;
}

export function answerForm(
  questionnaire: Questionnaire,
  values: Values,
  issues: FieldIssue[],
  extraRows: Record<string, number> = {},
): Html {
  const scope = answerScope(questionnaire, values);
  const labels = new Map(
    questionsOf(questionnaire).flatMap((q) => [
      [q.id, q.label] as const,
      ...(q.kind === 'table' ? q.columns.map((c) => [c.id, c.label] as const) : []),
    ]),
  );
  const labelOf = (ref: string) => labels.get(ref) ?? ref;
  return html`${questionnaire.themes.map(
    (theme) => html`<fieldset><legend>${bdi(theme.title)}</legend>
${theme.questions.map((question) => {
  if (!conditionsOf(question, scope).shown) return '';
  const hint = ruleHint(question, labelOf) ?? question.help;
  const path = `values.${question.id}`;
  const marker = hasMarker(question) ? html`<input type="hidden" name="${path}.${MARKER}" value="ja">` : '';
  return html`${marker}${KINDS[question.kind].draw({ question, path, values, issues, extra: extraRows[question.id] ?? 0, labelOf, scope, ...(hint ? { hint } : {}) })}`;
})}
</fieldset>`,
  )}`;
}

export function answerSummary(questionnaire: Questionnaire, values: AnswerValues): Html {
  const all = withComputed(questionnaire, values);
  return html`${questionnaire.themes.map(
    (theme) =>
      html`<h3>${bdi(theme.title)}</h3><dl class="facts">${theme.questions.map((q) => html`<dt>${bdi(q.label)}</dt><dd>${bdi(answerText(q, all[q.id]))}</dd>`)}</dl>${theme.questions.map(
        (q) =>
          q.kind === 'table' && Array.isArray(all[q.id]) && (all[q.id] as TableRow[]).length
            ? html`<div class="scroll"><table><caption>${bdi(q.label)}</caption><thead><tr>${q.rows ? html`<th scope="col">Række</th>` : ''}${q.columns.map((c) => html`<th scope="col">${bdi(c.label)}</th>`)}</tr></thead>
<tbody>${(all[q.id] as TableRow[]).map((row, i) => html`<tr>${q.rows ? html`<th scope="row">${bdi(q.rows[i]?.label ?? '')}</th>` : ''}${q.columns.map((c) => html`<td>${bdi(cellText(c, row[c.id]))}</td>`)}</tr>`)}</tbody></table></div>`
            : '',
      )}`,
  )}`;
}
