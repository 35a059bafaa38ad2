// The contact register as secretariats keep it in a spreadsheet, read from CSV: one row per contact
// person (several rows for a municipality with several contacts), the municipality by code or name,
// the social director's address on any of its rows. Semicolons (Danish Excel) or commas; a header
// row names the columns in Danish or English. Every problem is reported with its line, and nothing
// is imported while any remain.
import { municipalContactsSchema, type MunicipalContacts } from './cu';
import { isRespondent, municipality, MUNICIPALITIES, REGIONS, type RegionCode } from './municipalities';
import type { FieldIssue } from './zod';
import { csvLines, delimiterOf, splitRow } from './csv';

export const MAX_IMPORT_BYTES = 200_000;

const COLUMNS = {
  code: ['kommunekode', 'kode', 'code', 'municipality code', 'municipalitycode'],
  municipality: ['kommune', 'kommunenavn', 'municipality'],
  name: ['navn', 'kontaktperson', 'kontaktpersonens navn', 'name', 'contact'],
  email: ['e-mail', 'email', 'mail', 'kontaktpersonens e-mail', 'e-mailadresse'],
  directorEmail: [
    'socialdirektør',
    'socialdirektørens e-mail',
    'direktør',
    'direktørens e-mail',
    'direktør e-mail',
    'director email',
    'directoremail',
  ],
} as const;
type Column = keyof typeof COLUMNS;

export interface ContactImport {
  contacts: Record<string, MunicipalContacts>;
  issues: FieldIssue[];
}

/** Parses the file's text; `region` limits it to one region's municipalities. */
export function parseContactCsv(text: string, region?: RegionCode): ContactImport {
  const issues: FieldIssue[] = [];
  const problem = (line: number, message: string) => issues.push({ path: 'csv', message: `Linje ${line}: ${message}` });
  const lines = csvLines(text);
  const headerLine = lines.findIndex((l) => l.trim() !== '');
  const first = lines[headerLine];
  if (first === undefined) return { contacts: {}, issues: [{ path: 'csv', message: 'Filen er tom' }] };
  const delimiter = delimiterOf(first);
  const header = splitRow(first, delimiter).map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([column, names]) => [column, header.findIndex((h) => (names as readonly string[]).includes(h))]),
  ) as Record<Column, number>;
  if (index.code < 0 && index.municipality < 0) problem(headerLine + 1, 'mangler en kolonne "Kommunekode" eller "Kommune"');
  if (index.name < 0) problem(headerLine + 1, 'mangler en kolonne "Navn"');
  if (index.email < 0) problem(headerLine + 1, 'mangler en kolonne "E-mail"');
  if (issues.length) return { contacts: {}, issues };

  // A region's own contacts (when it answers as a respondent) by its code or name, as a municipality's.
  const regions = Object.keys(REGIONS).map((code) => municipality(code));
  const byName = new Map([...MUNICIPALITIES, ...regions].map((m) => [m.name.toLowerCase(), m]));
  const found = new Map<string, { contacts: { name: string; email: string }[]; directorEmail?: string; line: number }>();
  for (const [i, line] of lines.entries()) {
    if (i <= headerLine || line.trim() === '') continue;
    const cells = splitRow(line, delimiter).map((c) => c.trim());
    const cell = (column: Column) => (index[column] >= 0 ? (cells[index[column]] ?? '') : '');
    const code = cell('code').padStart(cell('code') ? 4 : 0, '0');
    const m = code ? (isRespondent(code) ? municipality(code) : undefined) : byName.get(cell('municipality').toLowerCase());
    if (!m) {
      problem(i + 1, code ? `ukendt kommunekode "${code}"` : `ukendt kommune "${cell('municipality')}"`);
      continue;
    }
    if (region && m.regionCode !== region) {
      problem(i + 1, `${m.name} hører ikke til regionen`);
      continue;
    }
    const entry = found.get(m.code) ?? { contacts: [], line: i + 1 };
    found.set(m.code, entry);
    if (cell('name') || cell('email')) entry.contacts.push({ name: cell('name'), email: cell('email') });
    const director = cell('directorEmail');
    if (director) {
      if (entry.directorEmail && entry.directorEmail.toLowerCase() !== director.toLowerCase())
        problem(i + 1, `${m.name} har to forskellige socialdirektører`);
      entry.directorEmail = director;
    }
  }
  if (found.size === 0 && issues.length === 0) issues.push({ path: 'csv', message: 'Filen har ingen kontaktpersoner' });

  const contacts: Record<string, MunicipalContacts> = {};
  for (const [code, entry] of found) {
    const result = municipalContactsSchema.safeParse({ contacts: entry.contacts, directorEmail: entry.directorEmail ?? '' });
    if (result.success) contacts[code] = result.data;
    else
      for (const issue of result.error.issues)
        problem(entry.line, `${municipality(code).name}: ${describePath(issue.path)}${issue.message}`);
  }
  return { contacts, issues };
}

function describePath(path: PropertyKey[]): string {
  if (path[0] === 'directorEmail') return 'socialdirektørens e-mail: ';
  if (path[0] === 'contacts' && typeof path[1] === 'number')
    return `kontaktperson ${path[1] + 1}${path[2] === 'email' ? ', e-mail' : path[2] === 'name' ? ', navn' : ''}: `;
  return '';
}
