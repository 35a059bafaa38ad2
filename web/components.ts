// Pieces the pages share: status badges, Danish dates, form fields with their errors.
import type { FieldIssue } from '../domain/zod';
import { MUNICIPALITY_STATUSES, type MunicipalityStatus } from '../domain/municipality-process';
import { danishDate, danishDateTime } from '../domain/time';
import { bdi, html, type Html } from '../domain/html';

const TONE: Record<MunicipalityStatus, string> = {
  invited: 'muted',
  draft: 'warn',
  submitted: 'ok',
  revision_requested: 'warn',
  excused: 'muted',
  not_submitted: 'err',
};

export const statusBadge = (status: MunicipalityStatus) =>
  html`<span class="status ${TONE[status]}">${MUNICIPALITY_STATUSES[status]}</span>`;
export const date = (iso?: string) => (iso ? danishDate(iso) : '–');
export const dateTime = (iso?: string) => (iso ? danishDateTime(Date.parse(iso)) : '–');

/** Field id for a dotted path, e.g. `values.tilbud.0.places` → `felt-values-tilbud-0-places`. */
export const fieldId = (path: string) => `felt-${path.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;

export function errorSummary(issues: FieldIssue[], labels: Record<string, string> = {}): Html {
  if (issues.length === 0) return html``;
  return html`<div class="summary" role="alert" tabindex="-1" id="fejl">
<h2>Der er ${issues.length === 1 ? 'en fejl' : `${issues.length} fejl`} i formularen</h2>
<ul>${issues.map((i) => html`<li><a href="#${fieldId(i.path || 'form')}">${labels[i.path] ? `${labels[i.path]} – ` : ''}${i.message}</a></li>`)}</ul>
</div>`;
}

export interface FieldOptions {
  path: string;
  label: string;
  name?: string;
  hint?: string;
  issues?: FieldIssue[];
  required?: boolean;
}

function described(o: FieldOptions) {
  const id = fieldId(o.path);
  const error = o.issues?.find((i) => i.path === o.path)?.message;
  const ids = [o.hint ? `${id}-hint` : '', error ? `${id}-fejl` : ''].filter(Boolean).join(' ');
  return {
    id,
    error,
    attrs: html` id="${id}" name="${o.name ?? o.path}"${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true" class="invalid"` : ''}${o.required ? html` required` : ''}`,
    head: html`<label for="${id}">${bdi(o.label)}${o.required ? '' : html` <span class="hint">(valgfri)</span>`}</label>${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}${error ? html`<p class="error" id="${id}-fejl">${error}</p>` : ''}`,
  };
}

export function input(o: FieldOptions & { type?: string; value?: string | number; inputmode?: string; accept?: string }): Html {
  const d = described(o);
  if (o.type === 'file') return html`${d.head}<input type="file"${d.attrs}${o.accept ? html` accept="${o.accept}"` : ''}>`;
  return html`${d.head}<input type="${o.type ?? 'text'}"${d.attrs} value="${o.value ?? ''}"${o.inputmode ? html` inputmode="${o.inputmode}"` : html` dir="auto"`}>`;
}

export function textarea(o: FieldOptions & { value?: string; maxLength?: number }): Html {
  const d = described(o);
  return html`${d.head}<textarea${d.attrs} dir="auto"${o.maxLength ? html` maxlength="${o.maxLength}"` : ''}>${o.value ?? ''}</textarea>`;
}

export function select(o: FieldOptions & { value?: string; options: [string, string][] }): Html {
  const d = described(o);
  return html`${d.head}<select${d.attrs}>${o.options.map(([value, text]) => html`<option value="${value}"${value === o.value ? html` selected` : ''}>${text}</option>`)}</select>`;
}

export function notice(text: string | Html, tone: '' | 'ok' | 'warn' = ''): Html {
  return html`<div class="notice ${tone}" role="status">${text}</div>`;
}
