// A municipality's contact persons and social director as form fields, and back: the contact register
// and a running round's board both edit them. Fields are named `<code>.contacts.<i>.name|email` and
// `<code>.directorEmail`, the paths the schema's errors carry once the code is put in front.
import type { MunicipalContacts } from '../domain/cu';
import type { FieldIssue } from '../domain/zod';
import { input } from './components';
import { html, type Html } from '../domain/html';

type Body = Record<string, string>;

/** One fieldset per contact (a blank one beyond those there are, at least `minRows`), and the director's address. */
export function contactFields(
  code: string,
  shown: MunicipalContacts | undefined,
  o: { issues: FieldIssue[]; submitted?: Body; minRows?: number },
): Html {
  const field = (name: string) => `${code}.${name}`;
  const value = (name: string, fallback = '') => (o.submitted ? (o.submitted[field(name)] ?? '') : fallback);
  const count = o.submitted
    ? Object.keys(o.submitted).filter((k) => k.startsWith(`${code}.contacts.`) && k.endsWith('.email')).length
    : (shown?.contacts.length ?? 0) + 1;
  const rows = Math.min(10, Math.max(o.minRows ?? 2, count));
  return html`${Array.from(
    { length: rows },
    (_, i) => html`<fieldset><legend>Kontaktperson ${i + 1}${i ? html` <span class="hint">(valgfri)</span>` : ''}</legend>
${input({ path: field(`contacts.${i}.name`), label: 'Navn', value: value(`contacts.${i}.name`, shown?.contacts[i]?.name), issues: o.issues, required: i === 0 })}
${input({ path: field(`contacts.${i}.email`), label: 'E-mail', type: 'email', value: value(`contacts.${i}.email`, shown?.contacts[i]?.email), issues: o.issues, required: i === 0 })}</fieldset>`,
  )}
${input({ path: field('directorEmail'), label: 'Socialdirektørens e-mail', type: 'email', value: value('directorEmail', shown?.directorEmail), issues: o.issues, required: true })}`;
}

/** The contacts a form gave for a municipality: the first row always, the others when filled in. */
export function contactsFromForm(body: Body, code: string): MunicipalContacts {
  const rows = Object.keys(body).filter((k) => k.startsWith(`${code}.contacts.`) && k.endsWith('.email')).length;
  const contacts = Array.from({ length: Math.max(1, rows) }, (_, i) => ({
    name: body[`${code}.contacts.${i}.name`] ?? '',
    email: body[`${code}.contacts.${i}.email`] ?? '',
  }));
  return {
    contacts: contacts.filter((c, i) => i === 0 || c.name.trim() || c.email.trim()),
    directorEmail: body[`${code}.directorEmail`] ?? '',
  };
}
