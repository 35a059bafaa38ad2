// The secretariat's CU form with its questionnaire: themes and questions as plain form fields,
// edited without JavaScript (add and remove are submit buttons; the server redraws the form).
import type { CuDefinition } from '../domain/cu';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire } from '../domain/questionnaire';
import type { FieldIssue } from '../domain/zod';
import { fieldId, input, select, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';

type Posted = Record<string, string | undefined>;
export type CuDraft = Omit<Partial<CuDefinition>, 'questionnaire'> & { questionnaire: Questionnaire };

const KINDS: [string, string][] = [
  ['number', 'Antal (helt tal)'],
  ['text', 'Tekst'],
  ['services', 'Tabel over tilbud'],
];

export const emptyCu = (): CuDraft => ({ questionnaire: structuredClone(DEFAULT_QUESTIONNAIRE) });

export function parseCuForm(body: Posted): CuDraft {
  const themes: Questionnaire['themes'] = [];
  for (let t = 0; body[`q.${t}.title`] !== undefined; t++) {
    const questions: Questionnaire['themes'][number]['questions'] = [];
    for (let q = 0; body[`q.${t}.${q}.label`] !== undefined; q++) {
      const p = (f: string) => (body[`q.${t}.${q}.${f}`] ?? '').trim();
      const base = { id: p('id'), label: p('label'), required: p('required') === 'ja' };
      const kind = p('kind');
      questions.push(
        kind === 'number'
          ? { ...base, kind: 'number', min: 0, max: 1_000_000, decimals: 0 }
          : kind === 'services'
            ? { ...base, kind: 'services' }
            : { ...base, kind: 'text', maxLength: 5000 },
      );
    }
    themes.push({ id: (body[`q.${t}.id`] ?? '').trim(), title: (body[`q.${t}.title`] ?? '').trim(), questions });
  }
  const f = (name: string) => (body[name] ?? '').trim();
  return {
    id: f('id'),
    title: f('title'),
    targetGroup: f('targetGroup'),
    legalBasis: f('legalBasis'),
    issuedOn: f('issuedOn'),
    nationalDeadline: f('nationalDeadline'),
    questionnaire: { themes },
  };
}

/** Applies an add/remove button to the draft questionnaire. */
export function editQuestionnaire(draft: CuDraft, action: string): CuDraft {
  const [verb, t, q] = action.split(':').map((x, i) => (i === 0 ? x : Number(x))) as [string, number, number];
  const themes = draft.questionnaire.themes;
  if (verb === 'nyt-tema')
    themes.push({
      id: `tema-${themes.length + 1}`,
      title: 'Nyt tema',
      questions: [
        { id: `spm-${Math.random().toString(36).slice(2, 8)}`, kind: 'text', label: 'Nyt spørgsmål', required: true, maxLength: 5000 },
      ],
    });
  if (verb === 'fjern-tema') themes.splice(t, 1);
  if (verb === 'nyt-spm')
    themes[t]?.questions.push({
      id: `spm-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'text',
      label: '',
      required: true,
      maxLength: 5000,
    });
  if (verb === 'fjern-spm') themes[t]?.questions.splice(q, 1);
  return draft;
}

export const CU_LABELS: Record<string, string> = {
  id: 'Kort id',
  title: 'Titel',
  targetGroup: 'Målgruppe',
  legalBasis: 'Lovgrundlag',
  issuedOn: 'Udmeldt den',
  nationalDeadline: 'Frist for afrapportering',
};

/** Maps the schema's paths (questionnaire.themes.0.questions.1.label) onto the form's field names. */
export function formPath(path: string): string {
  return path.replace(/^questionnaire\.themes\.(\d+)\.questions\.(\d+)\./, 'q.$1.$2.').replace(/^questionnaire\.themes\.(\d+)\./, 'q.$1.');
}

export function cuForm(draft: CuDraft, issues: FieldIssue[], { editId = false } = {}): Html {
  const i = issues.map((x) => ({ ...x, path: formPath(x.path) }));
  return html`<fieldset><legend>Den centrale udmelding</legend>
${editId ? input({ path: 'id', label: 'Kort id', hint: 'Små bogstaver, tal og bindestreg, fx spiseforstyrrelser-2026. Bruges i links.', value: draft.id, issues: i, required: true }) : html`<input type="hidden" name="id" value="${draft.id ?? ''}">`}
${input({ path: 'title', label: 'Titel', value: draft.title, issues: i, required: true })}
${textarea({ path: 'targetGroup', label: 'Målgruppe', value: draft.targetGroup, issues: i, required: true })}
${input({ path: 'legalBasis', label: 'Lovgrundlag', value: draft.legalBasis ?? 'Serviceloven § 13 b og bekendtgørelse om rammeaftaler', issues: i, required: true })}
${input({ path: 'issuedOn', label: 'Udmeldt den', type: 'date', value: draft.issuedOn, issues: i, required: true })}
${input({ path: 'nationalDeadline', label: 'Frist for afrapportering til Social- og Boligstyrelsen', type: 'date', value: draft.nationalDeadline, issues: i, required: true })}
</fieldset>
<h2>Spørgeskema</h2>
<p class="hint">Udgangspunktet er de fire sædvanlige temaer. Tilpas dem til denne udmelding.</p>
${draft.questionnaire.themes.map(
  (theme, t) => html`<fieldset id="${fieldId(`q.${t}`)}"><legend>Tema ${t + 1}: ${bdi(theme.title)}</legend>
${input({ path: `q.${t}.title`, label: 'Temaets overskrift', value: theme.title, issues: i, required: true })}
<input type="hidden" name="q.${t}.id" value="${theme.id}">
${theme.questions.map(
  (q, n) => html`<fieldset><legend>Spørgsmål ${n + 1}</legend>
<input type="hidden" name="q.${t}.${n}.id" value="${q.id}">
${textarea({ path: `q.${t}.${n}.label`, label: 'Spørgsmål', value: q.label, issues: i, required: true })}
${select({ path: `q.${t}.${n}.kind`, label: 'Svartype', value: q.kind, options: KINDS, issues: i, required: true })}
${select({
  path: `q.${t}.${n}.required`,
  label: 'Skal besvares',
  value: q.required ? 'ja' : 'nej',
  options: [
    ['ja', 'Ja'],
    ['nej', 'Nej, valgfrit'],
  ],
  issues: i,
  required: true,
})}
<button type="submit" class="secondary" name="handling" value="fjern-spm:${t}:${n}" formnovalidate>Fjern spørgsmål ${n + 1}</button>
</fieldset>`,
)}
<button type="submit" class="secondary" name="handling" value="nyt-spm:${t}" formnovalidate>Tilføj spørgsmål til tema ${t + 1}</button>
<button type="submit" class="secondary" name="handling" value="fjern-tema:${t}" formnovalidate>Fjern tema ${t + 1}</button>
</fieldset>`,
)}
<button type="submit" class="secondary" name="handling" value="nyt-tema" formnovalidate>Tilføj tema</button>`;
}
