// An answer as people read it: numbers the Danish way, an option by its label, yes/no as Ja/Nej,
// a date spelled out. The pages, the exports' text cells and the report all say it the same way.
import { attachmentText, type AttachmentRef } from './attachments';
import { PROVIDER_TYPES, type Cell, type ServiceRow, type TableRow } from './answer';
import type { Column, Option, Question } from './questionnaire';
import { danishNumber } from './numbers';
import { danishDate } from './time';

export { danishNumber };

export const yesNo = (v: unknown) => (v === true ? 'Ja' : v === false ? 'Nej' : '');
const labelOf = (options: Option[], id: unknown) =>
  options.find((o) => o.id === id)?.label ?? (typeof id === 'string' ? id : JSON.stringify(id));

/** One cell of a table as text. */
export function cellText(column: Column, value: Cell | undefined): string {
  if (value === undefined || value === '') return '';
  switch (column.kind) {
    case 'choice':
      return labelOf(column.options, value);
    case 'yesno':
      return yesNo(value);
    case 'number':
    case 'percent':
    case 'computed':
      return typeof value === 'number' ? danishNumber(value, column.kind === 'number' ? undefined : column.decimals) : String(value);
    case 'text':
      return String(value);
  }
}

/** A whole answer to one question as text (a table or the offers as how many rows). */
export function answerText(question: Question, value: unknown): string {
  if (value === undefined || value === '' || value === null) return '–';
  switch (question.kind) {
    case 'number':
    case 'computed':
      return typeof value === 'number' ? `${danishNumber(value)}${question.unit ? ` ${question.unit}` : ''}` : '–';
    case 'text':
      return typeof value === 'string' ? value : '–';
    case 'choice':
      return Array.isArray(value) ? value.map((id) => labelOf(question.options, id)).join(', ') || '–' : labelOf(question.options, value);
    case 'yesno':
      return yesNo(value);
    case 'date':
      return typeof value === 'string' ? danishDate(value) : '–';
    case 'table': {
      const rows = value as TableRow[];
      return rows.length === 0 ? 'Ingen rækker' : `${rows.length} ${rows.length === 1 ? 'række' : 'rækker'}`;
    }
    case 'attachment':
      return typeof value === 'object' && !Array.isArray(value) ? attachmentText(value as AttachmentRef) : '–';
    case 'services':
      return (
        (value as ServiceRow[]).map((s) => `${s.offer} (${PROVIDER_TYPES[s.provider]}, ${s.legalBasis}, ${s.places} pladser)`).join('; ') ||
        'Ingen'
      );
  }
}
