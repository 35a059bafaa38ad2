// What changed in a respondent's answer since last period (the previous round of the same template):
// each question whose answer differs, and in a table each row added, removed or changed, a row
// matched by its first text column (the offer's name) or by its given row. Also what of last period's
// answer can be copied into this round's questionnaire as a draft.
import { checkAnswer, type AnswerValues, type TableRow } from './answer';
import { answerText, cellText } from './answer-text';
import { questionsOf, type Question, type Questionnaire } from './questionnaire';

export interface AnswerChange {
  questionId: string;
  label: string;
  /** Within a table: the row (its name), and the column when one cell changed. */
  row?: string;
  column?: string;
  change: 'changed' | 'added' | 'removed';
  before: string;
  after: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function answerChanges(questionnaire: Questionnaire, before: AnswerValues, after: AnswerValues): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const question of questionsOf(questionnaire)) {
    if (question.kind === 'computed') continue;
    const [was, now] = [before[question.id], after[question.id]];
    if (same(was, now)) continue;
    if (question.kind === 'table') changes.push(...tableChanges(question, (was ?? []) as TableRow[], (now ?? []) as TableRow[]));
    else {
      const change = was === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
      changes.push({
        questionId: question.id,
        label: question.label,
        change,
        before: answerText(question, was),
        after: answerText(question, now),
      });
    }
  }
  return changes;
}

function tableChanges(question: Extract<Question, { kind: 'table' }>, before: TableRow[], after: TableRow[]): AnswerChange[] {
  const keyColumn = question.columns.find((c) => c.kind === 'text');
  const keyOf = (row: TableRow, i: number) =>
    question.rows
      ? (question.rows[i]?.label ?? `Række ${i + 1}`)
      : keyColumn
        ? String(row[keyColumn.id] ?? '')
            .trim()
            .toLowerCase()
        : `Række ${i + 1}`;
  const nameOf = (row: TableRow, i: number) =>
    question.rows ? keyOf(row, i) : keyColumn ? String(row[keyColumn.id] ?? '') : `Række ${i + 1}`;
  const was = new Map(before.map((row, i) => [keyOf(row, i), { row, name: nameOf(row, i) }]));
  const now = new Map(after.map((row, i) => [keyOf(row, i), { row, name: nameOf(row, i) }]));
  const base = { questionId: question.id, label: question.label };
  const changes: AnswerChange[] = [];
  const inputs = question.columns.filter((c) => c.kind !== 'computed');
  const rowText = (row: TableRow) =>
    inputs
      .map((c) => cellText(c, row[c.id]))
      .filter(Boolean)
      .join(' · ');
  for (const [key, { row, name }] of now) {
    const old = was.get(key);
    if (!old) changes.push({ ...base, row: name, change: 'added', before: '', after: rowText(row) });
    else
      for (const column of inputs) {
        if (!same(old.row[column.id], row[column.id]))
          changes.push({
            ...base,
            row: name,
            column: column.label,
            change: 'changed',
            before: cellText(column, old.row[column.id]),
            after: cellText(column, row[column.id]),
          });
      }
  }
  for (const [key, { row, name }] of was)
    if (!now.has(key)) changes.push({ ...base, row: name, change: 'removed', before: rowText(row), after: '' });
  return changes;
}

/**
 * What of last period's answer fits this round's questionnaire, as a draft: the answers to questions
 * it still asks, less any the questionnaire no longer accepts (an option removed, a range narrowed).
 */
export function carriedOver(questionnaire: Questionnaire, previous: AnswerValues): AnswerValues {
  const asked = new Set(
    questionsOf(questionnaire)
      .filter((q) => q.kind !== 'computed')
      .map((q) => q.id),
  );
  const values: AnswerValues = Object.fromEntries(Object.entries(previous).filter(([id]) => asked.has(id)));
  // A table's computed columns are worked out again, never copied.
  for (const question of questionsOf(questionnaire)) {
    if (question.kind !== 'table' || !Array.isArray(values[question.id])) continue;
    const computed = new Set(question.columns.filter((c) => c.kind === 'computed').map((c) => c.id));
    const known = new Set(question.columns.map((c) => c.id));
    values[question.id] = (values[question.id] as TableRow[]).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([id]) => known.has(id) && !computed.has(id))),
    );
  }
  const checked = checkAnswer(questionnaire, values, false);
  if (checked.ok) return checked.value;
  const refused = new Set(checked.issues.map((i) => i.path.split('.')[0]));
  const kept = Object.fromEntries(Object.entries(values).filter(([id]) => !refused.has(id)));
  const again = checkAnswer(questionnaire, kept, false);
  return again.ok ? again.value : {};
}
