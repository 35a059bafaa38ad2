// The questionnaire as an HTML form, and the posted form back into answer values.
import { PROVIDER_TYPES, type AnswerValues, type ServiceRow } from '../domain/answer';
import type { Questionnaire } from '../domain/questionnaire';
import type { FieldIssue } from '../domain/zod';
import { fieldId, input, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';

const SERVICE_FIELDS = ['offer', 'provider', 'providerName', 'legalBasis', 'places'] as const;
type Posted = Record<string, string | undefined>;

/** Form fields are named by the same dotted paths the validators report, so errors find their field. */
export function parseAnswerForm(questionnaire: Questionnaire, body: Posted): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const question of questionnaire.themes.flatMap((t) => t.questions)) {
    const name = `values.${question.id}`;
    if (question.kind === 'services') {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < 200; i++) {
        const field = (f: string) => body[`${name}.${i}.${f}`]?.trim() ?? '';
        if (SERVICE_FIELDS.every((f) => body[`${name}.${i}.${f}`] === undefined)) break;
        if (SERVICE_FIELDS.every((f) => f === 'provider' || field(f) === '')) continue;
        rows.push({
          offer: field('offer'),
          provider: field('provider'),
          ...(field('providerName') ? { providerName: field('providerName') } : {}),
          legalBasis: field('legalBasis'),
          places: number(field('places')),
        });
      }
      values[question.id] = rows;
    } else {
      const raw = body[name]?.trim() ?? '';
      if (raw !== '') values[question.id] = question.kind === 'number' ? number(raw) : raw;
    }
  }
  return values;
}

/** Whole numbers as numbers; anything else is left as text for the validator to name. */
function number(raw: string): number | string {
  const plain = raw.replace(/\./g, '').replace(/\s/g, '');
  return /^-?\d+$/.test(plain) ? Number(plain) : raw;
}

export function questionLabels(questionnaire: Questionnaire): Record<string, string> {
  return Object.fromEntries(questionnaire.themes.flatMap((t) => t.questions.map((q) => [`values.${q.id}`, q.label])));
}

export function answerForm(
  questionnaire: Questionnaire,
  values: Record<string, unknown>,
  issues: FieldIssue[],
  extraRows: Record<string, number> = {},
): Html {
  return html`${questionnaire.themes.map(
    (theme) => html`<fieldset><legend>${bdi(theme.title)}</legend>
${theme.questions.map((q) => {
  const path = `values.${q.id}`;
  const common = { path, label: q.label, issues, required: q.required, ...(q.help ? { hint: q.help } : {}) };
  if (q.kind === 'number')
    return input({
      ...common,
      type: 'text',
      inputmode: 'numeric',
      value: values[q.id] as number | undefined,
      hint: q.help ?? `Angiv et helt tal${q.unit ? ` (${q.unit})` : ''}. Skriv 0, hvis der ingen er.`,
    });
  if (q.kind === 'text') return textarea({ ...common, value: values[q.id] as string | undefined, maxLength: q.maxLength });
  const rows = [...((values[q.id] as ServiceRow[] | undefined) ?? [])];
  for (let i = 0; i < (extraRows[q.id] ?? (rows.length === 0 ? 1 : 0)); i++)
    rows.push({ offer: '', provider: 'egen_kommune', legalBasis: '', places: '' as unknown as number });
  const error = issues.find((i) => i.path === path)?.message;
  return html`<div id="${fieldId(path)}" tabindex="-1">
<h3>${bdi(q.label)}</h3>
<p class="hint">Én række pr. tilbud eller indsats. Lad en række stå tom, hvis den ikke skal bruges.${q.required ? '' : ' (valgfri)'}</p>
${error ? html`<p class="error">${error}</p>` : ''}
<table>
<caption class="visually-hidden">${q.label}</caption>
<thead><tr><th scope="col">Tilbud</th><th scope="col">Leverandørtype</th><th scope="col">Leverandør</th><th scope="col">Lovgrundlag</th><th scope="col">Pladser</th><th scope="col"><span class="visually-hidden">Fjern</span></th></tr></thead>
<tbody>
${rows.map((row, i) => {
  const cell = (f: (typeof SERVICE_FIELDS)[number], label: string) => {
    const p = `${path}.${i}.${f}`;
    const e = issues.find((x) => x.path === p)?.message;
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
})}
</fieldset>`,
  )}`;
}

export function answerSummary(questionnaire: Questionnaire, values: AnswerValues): Html {
  return html`${questionnaire.themes.map(
    (theme) =>
      html`<h3>${bdi(theme.title)}</h3><dl class="facts">${theme.questions.map((q) => {
        const v = values[q.id];
        const shown =
          q.kind === 'services'
            ? ((v as ServiceRow[] | undefined) ?? [])
                .map((s) => `${s.offer} (${PROVIDER_TYPES[s.provider]}, ${s.legalBasis}, ${s.places} pladser)`)
                .join('; ') || 'Ingen'
            : v === undefined || v === ''
              ? '–'
              : typeof v === 'number'
                ? String(v)
                : typeof v === 'string'
                  ? v
                  : '–';
        return html`<dt>${bdi(q.label)}</dt><dd>${bdi(shown)}</dd>`;
      })}</dl>`,
  )}`;
}
