// The secretariat's CU form and its questionnaire editor (also the templates'): themes and questions
// of every kind as plain form fields, edited without JavaScript (add and remove are submit buttons;
// the server redraws the form).
import type { CuDefinition } from '../domain/cu';
import { UdmeldError } from '../domain/errors';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire, type QuestionKind } from '../domain/questionnaire';
import type { FieldIssue } from '../domain/zod';
import { fieldId, input, select, textarea } from './components';
import { bdi, html, type Html } from '../domain/html';

type Posted = Record<string, string | undefined>;
export type CuDraft = Omit<Partial<CuDefinition>, 'questionnaire'> & { questionnaire: Questionnaire };
type Question = Questionnaire['themes'][number]['questions'][number];
type Settings = Record<string, unknown>;

/** Each kind's name on the form, and the settings a new question of it starts with. */
const KINDS: Record<QuestionKind, { name: string; settings: Settings }> = {
  number: { name: 'Tal', settings: { min: 0, max: 1_000_000, decimals: 0 } },
  text: { name: 'Tekst', settings: { maxLength: 5000 } },
  choice: {
    name: 'Valg (ét eller flere)',
    settings: {
      options: [
        { id: 'a', label: 'Mulighed A' },
        { id: 'b', label: 'Mulighed B' },
      ],
      multiple: false,
    },
  },
  yesno: { name: 'Ja/nej', settings: {} },
  date: { name: 'Dato', settings: {} },
  table: {
    name: 'Tabel',
    settings: { columns: [{ id: 'navn', kind: 'text', label: 'Navn', required: true, maxLength: 200 }], maxRows: 200 },
  },
  computed: { name: 'Beregnet værdi', settings: { expr: { num: 0 }, decimals: 0 } },
  services: { name: 'Tabel over tilbud', settings: {} },
  attachment: { name: 'Vedhæftet fil (PDF, Word, Excel)', settings: {} },
};
const KIND_OPTIONS = Object.entries(KINDS).map(([kind, { name }]): [string, string] => [kind, name]);
const isKind = (kind: string): kind is QuestionKind => kind in KINDS;

export const emptyCu = (): CuDraft => ({ questionnaire: structuredClone(DEFAULT_QUESTIONNAIRE) });

/** A question's own settings: all but what every question has (id, kind, label, help, required). */
function settingsOf(question: Question): Settings {
  const { id: _id, kind: _kind, label: _label, help: _help, required: _required, ...settings } = question;
  return settings;
}

/**
 * The questionnaire from its fields. A question's kind-specific settings (options, columns,
 * expressions, conditions) are JSON in one field each; left empty, or when the kind was changed,
 * the kind's starting settings. JSON that does not parse is an issue on that field.
 */
export function parseQuestionnaireFields(body: Posted): { questionnaire: Questionnaire; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const themes: Questionnaire['themes'] = [];
  for (let t = 0; body[`q.${t}.title`] !== undefined; t++) {
    const questions: Question[] = [];
    for (let q = 0; body[`q.${t}.${q}.label`] !== undefined; q++) {
      const p = (f: string) => (body[`q.${t}.${q}.${f}`] ?? '').trim();
      const kind = isKind(p('kind')) ? (p('kind') as QuestionKind) : 'text';
      let settings: Settings = KINDS[kind].settings;
      if (p('settings') && p('was') === kind) {
        try {
          const parsed: unknown = JSON.parse(p('settings'));
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
          settings = parsed as Settings;
        } catch {
          issues.push({ path: `q.${t}.${q}.settings`, message: 'Indstillingerne er ikke gyldig JSON (et objekt i { })' });
        }
      }
      const help = p('help');
      questions.push({
        ...settings,
        id: p('id'),
        kind,
        label: p('label'),
        ...(help ? { help } : {}),
        required: p('required') === 'ja',
      } as Question);
    }
    themes.push({ id: (body[`q.${t}.id`] ?? '').trim(), title: (body[`q.${t}.title`] ?? '').trim(), questions });
  }
  return { questionnaire: { themes }, issues };
}

/** The CU's fields and its questionnaire; JSON that does not parse is refused, naming its field. */
export function parseCuForm(body: Posted): CuDraft {
  const { questionnaire, issues } = parseQuestionnaireFields(body);
  if (issues.length) throw new UdmeldError('invalid_input', 'Spørgeskemaet kunne ikke læses', issues);
  const f = (name: string) => (body[name] ?? '').trim();
  return {
    id: f('id'),
    title: f('title'),
    targetGroup: f('targetGroup'),
    legalBasis: f('legalBasis'),
    issuedOn: f('issuedOn'),
    nationalDeadline: f('nationalDeadline'),
    questionnaire,
  };
}

const newQuestionId = () => `spm-${Math.random().toString(36).slice(2, 8)}`;

/** Applies an add/remove button to the draft questionnaire. */
export function editQuestionnaire<T extends { questionnaire: Questionnaire }>(draft: T, action: string): T {
  const [verb, t, q] = action.split(':').map((x, i) => (i === 0 ? x : Number(x))) as [string, number, number];
  const themes = draft.questionnaire.themes;
  if (verb === 'nyt-tema')
    themes.push({
      id: `tema-${themes.length + 1}`,
      title: 'Nyt tema',
      questions: [{ id: newQuestionId(), kind: 'text', label: 'Nyt spørgsmål', required: true, maxLength: 5000 }],
    });
  if (verb === 'fjern-tema') themes.splice(t, 1);
  if (verb === 'nyt-spm') themes[t]?.questions.push({ id: newQuestionId(), kind: 'text', label: '', required: true, maxLength: 5000 });
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
  return path
    .replace(/^questionnaire\.themes\.(\d+)\.questions\.(\d+)\.(?!(?:id|kind|label|help|required)$).+$/, 'q.$1.$2.settings')
    .replace(/^questionnaire\.themes\.(\d+)\.questions\.(\d+)\./, 'q.$1.$2.')
    .replace(/^questionnaire\.themes\.(\d+)\./, 'q.$1.');
}

/** The schema's issues on the form's fields; one inside a question's settings says where in them. */
export function formIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((x) => {
    const inside = /^questionnaire\.themes\.\d+\.questions\.\d+\.(.+)$/.exec(x.path)?.[1];
    const path = formPath(x.path);
    return path.endsWith('.settings') && inside ? { path, message: `${inside}: ${x.message}` } : { ...x, path };
  });
}

export function cuForm(draft: CuDraft, issues: FieldIssue[], { editId = false } = {}): Html {
  const i = formIssues(issues);
  return html`<fieldset><legend>Den centrale udmelding</legend>
${editId ? input({ path: 'id', label: 'Kort id', hint: 'Små bogstaver, tal og bindestreg, fx spiseforstyrrelser-2026. Bruges i links.', value: draft.id, issues: i, required: true }) : html`<input type="hidden" name="id" value="${draft.id ?? ''}">`}
${input({ path: 'title', label: 'Titel', value: draft.title, issues: i, required: true })}
${textarea({ path: 'targetGroup', label: 'Målgruppe', value: draft.targetGroup, issues: i, required: true })}
${input({ path: 'legalBasis', label: 'Lovgrundlag', value: draft.legalBasis ?? 'Serviceloven § 13 b og bekendtgørelse om rammeaftaler', issues: i, required: true })}
${input({ path: 'issuedOn', label: 'Udmeldt den', type: 'date', value: draft.issuedOn, issues: i, required: true })}
${input({ path: 'nationalDeadline', label: 'Frist for afrapportering til Social- og Boligstyrelsen', type: 'date', value: draft.nationalDeadline, issues: i, required: true })}
</fieldset>
<h2>Spørgeskema</h2>
${questionnaireFields(draft.questionnaire, issues)}`;
}

const SETTINGS_HINT =
  'Svartypens indstillinger som JSON: fx min, max, decimals og unit for tal; options og multiple for valg; columns, rows og maxRows for tabeller; expr for beregnede værdier; shownWhen og requiredWhen for betingelser. Lad feltet stå tomt for svartypens udgangspunkt.';

/** Themes and questions as plain form fields (add and remove are submit buttons; the server redraws the form). */
export function questionnaireFields(questionnaire: Questionnaire, issues: FieldIssue[]): Html {
  const i = formIssues(issues);
  return html`${questionnaire.themes.map(
    (theme, t) => html`<fieldset id="${fieldId(`q.${t}`)}"><legend>Tema ${t + 1}: ${bdi(theme.title)}</legend>
${input({ path: `q.${t}.title`, label: 'Temaets overskrift', value: theme.title, issues: i, required: true })}
<input type="hidden" name="q.${t}.id" value="${theme.id}">
${theme.questions.map((q, n) => {
  const settings = settingsOf(q);
  return html`<fieldset class="question"><legend>Spørgsmål ${n + 1}</legend>
${textarea({ path: `q.${t}.${n}.label`, label: 'Spørgsmål', value: q.label, issues: i, required: true })}
${input({ path: `q.${t}.${n}.help`, label: 'Hjælpetekst', value: q.help, issues: i })}
<div class="cols">
<div>${select({ path: `q.${t}.${n}.kind`, label: 'Svartype', value: q.kind, options: KIND_OPTIONS, issues: i, required: true })}</div>
<div>${select({
    path: `q.${t}.${n}.required`,
    label: 'Skal besvares',
    value: q.required ? 'ja' : 'nej',
    options: [
      ['ja', 'Ja'],
      ['nej', 'Nej, valgfrit'],
    ],
    issues: i,
    required: true,
  })}</div>
<div>${input({ path: `q.${t}.${n}.id`, label: 'Id', hint: 'Bruges i betingelser, beregninger og udtræk.', value: q.id, issues: i, required: true })}</div>
</div>
<input type="hidden" name="q.${t}.${n}.was" value="${q.kind}">
${textarea({ path: `q.${t}.${n}.settings`, label: 'Indstillinger', hint: SETTINGS_HINT, value: Object.keys(settings).length ? JSON.stringify(settings, null, 2) : '', issues: i })}
<button type="submit" class="secondary" name="handling" value="fjern-spm:${t}:${n}" formnovalidate>Fjern spørgsmål ${n + 1}</button>
</fieldset>`;
})}
<button type="submit" class="secondary" name="handling" value="nyt-spm:${t}" formnovalidate>Tilføj spørgsmål til tema ${t + 1}</button>
<button type="submit" class="secondary" name="handling" value="fjern-tema:${t}" formnovalidate>Fjern tema ${t + 1}</button>
</fieldset>`,
  )}
<button type="submit" class="secondary" name="handling" value="nyt-tema" formnovalidate>Tilføj tema</button>`;
}
