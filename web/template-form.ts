// A template's form: its name and description, its process after reporting (the steps in order,
// whether the councils decide, where the result goes), and its questionnaire (the CU form's editor).
import { APPROVAL_STEP_IDS, APPROVAL_STEPS, type ApprovalStep } from '../domain/approval-chain';
import type { CuProcess } from '../domain/cu';
import { html, type Html } from '../domain/html';
import type { Questionnaire } from '../domain/questionnaire';
import type { FieldIssue } from '../domain/zod';
import { input, select, textarea } from './components';
import { formIssues, parseQuestionnaireFields, questionnaireFields } from './questionnaire-form';

type Posted = Record<string, string | undefined>;
export interface TemplateDraft {
  id?: string;
  name: string;
  description: string;
  process: CuProcess;
  questionnaire: Questionnaire;
}

const isStep = (s: string | undefined): s is ApprovalStep => APPROVAL_STEP_IDS.some((x) => x === s);

/** The steps of a process in words: "Økonomisk arbejdsgruppe → Socialdirektørforum", or the region's own chain. */
export function processSteps(process: CuProcess): Html {
  const steps = process.approvalChain;
  return steps ? html`${steps.map((s, i) => html`${i ? ' → ' : ''}${APPROVAL_STEPS[s].name}`)}` : html`regionens godkendelseskæde`;
}

export function parseTemplateForm(body: Posted): { draft: TemplateDraft; issues: FieldIssue[] } {
  const { questionnaire, issues } = parseQuestionnaireFields(body);
  const steps = APPROVAL_STEP_IDS.map((_, i) => body[`process.step.${i}`]).filter((s) => s !== undefined && s !== '');
  const chain = steps.filter(isStep);
  if (chain.length !== steps.length) issues.push({ path: 'process.step.0', message: 'Ukendt trin' });
  const f = (name: string) => (body[name] ?? '').trim();
  return {
    draft: {
      ...(body.id !== undefined ? { id: f('id') } : {}),
      name: f('name'),
      description: f('description'),
      process: {
        regionResponds: f('process.regionResponds') === 'ja',
        ...(chain.length ? { approvalChain: chain } : {}),
        councils: f('process.councils') !== 'nej',
        submitTo: f('process.submitTo') === 'none' ? 'none' : 'national_board',
      },
      questionnaire,
    },
    issues,
  };
}

const STEP_OPTIONS: [string, string][] = [['', '–'], ...APPROVAL_STEP_IDS.map((s): [string, string] => [s, APPROVAL_STEPS[s].name])];

/** The schema's paths on the form's fields: the chain's steps on the first step's field. */
const onForm = (issues: FieldIssue[]) =>
  formIssues(issues).map((x) => (x.path.startsWith('process.approvalChain') ? { ...x, path: 'process.step.0' } : x));
export const templateIssues = onForm;

export function templateForm(draft: TemplateDraft, issues: FieldIssue[], { editId = false } = {}): Html {
  const i = onForm(issues);
  const chain = draft.process.approvalChain ?? [];
  return html`<fieldset><legend>Skabelonen</legend>
${editId ? input({ path: 'id', label: 'Kort id', hint: 'Små bogstaver, tal og bindestreg, fx tilsyn-halvaar. Kan ikke ændres senere.', value: draft.id, issues: i, required: true }) : ''}
${input({ path: 'name', label: 'Navn', value: draft.name, issues: i, required: true })}
${textarea({ path: 'description', label: 'Beskrivelse', value: draft.description, issues: i })}
</fieldset>
<fieldset><legend>Hvem indberetter</legend>
${select({
  path: 'process.regionResponds',
  label: 'Regionen indberetter også',
  hint: 'Kommunerne i regionen spørges altid; regionen kan spørges som en af dem, fx om de tilbud, den selv driver.',
  value: draft.process.regionResponds ? 'ja' : 'nej',
  options: [
    ['nej', 'Nej, kun kommunerne'],
    ['ja', 'Ja, kommunerne og regionen'],
  ],
  issues: i,
  required: true,
})}
</fieldset>
<fieldset><legend>Forløbet efter indberetningen</legend>
<p class="hint">Trinene tager afrapporteringen i rækkefølge. Uden trin bruges regionens egen godkendelseskæde.</p>
<div class="cols">${APPROVAL_STEP_IDS.map(
    (_, n) =>
      html`<div>${select({ path: `process.step.${n}`, label: `Trin ${n + 1}`, value: chain[n] ?? '', options: STEP_OPTIONS, issues: i })}</div>`,
  )}</div>
${select({
  path: 'process.councils',
  label: 'Politisk behandling i kommunalbestyrelserne og regionsrådet',
  value: draft.process.councils ? 'ja' : 'nej',
  options: [
    ['ja', 'Ja, efter sidste trin'],
    ['nej', 'Nej'],
  ],
  issues: i,
  required: true,
})}
${select({
  path: 'process.submitTo',
  label: 'Resultatet',
  value: draft.process.submitTo,
  options: [
    ['national_board', 'Indsendes til Social- og Boligstyrelsen'],
    ['none', 'Afsluttes uden indsendelse'],
  ],
  issues: i,
  required: true,
})}
</fieldset>
<h2>Spørgeskema</h2>
${questionnaireFields(draft.questionnaire, issues)}`;
}

export const TEMPLATE_LABELS: Record<string, string> = {
  id: 'Kort id',
  name: 'Navn',
  description: 'Beskrivelse',
  'process.step.0': 'Trin 1',
};
