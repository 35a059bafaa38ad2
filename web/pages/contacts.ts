// The secretariat's contact register for any region: every municipality's contact persons (several
// each) and social director, edited one municipality at a time, or imported from a CSV file as
// secretariats keep it in a spreadsheet (all of the file, or nothing).
import busboy from 'busboy';
import { Router, type Request } from 'express';
import type { AccessOptions } from '../../api/access';
import { UdmeldError } from '../../client/errors';
import type { Udmeld } from '../../client/udmeld';
import { MAX_IMPORT_BYTES } from '../../domain/contact-import';
import { municipalitiesOfRegion, municipality, REGIONS, SYDDANMARK, type RegionCode } from '../../domain/municipalities';
import type { FieldIssue } from '../../domain/zod';
import { errorSummary, input, notice } from '../components';
import { bdi, html } from '../html';
import { pageRoute, type PageResult } from '../page-route';

type Body = Record<string, string>;
const regionOf = (value: unknown): RegionCode => (typeof value === 'string' && value in REGIONS ? (value as RegionCode) : SYDDANMARK);
/** A blank row beyond the contacts there are, and at least two rows: a second contact needs no script. */
const rowsFor = (count: number) => Math.min(10, Math.max(2, count + 1));

export function contactPages(udmeld: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  const contactsPage = async (region: RegionCode, state: { issues?: FieldIssue[]; code?: string; saved?: string; imported?: number; importIssues?: FieldIssue[]; submitted?: Body } = {}): Promise<PageResult> => {
    const contacts = await udmeld.contacts();
    const issues = state.issues ?? [];
    const importIssues = state.importIssues ?? [];
    const codes = municipalitiesOfRegion(region).sort((a, b) => municipality(a).name.localeCompare(municipality(b).name, 'da'));
    const missing = codes.filter((c) => !contacts[c]).length;
    return {
      title: `Kontaktpersoner, ${REGIONS[region]}`,
      status: issues.length || importIssues.length ? 400 : 200,
      body: html`<h1>Kommunernes kontaktpersoner</h1>
<nav aria-label="Regioner"><ul class="tabs">${Object.entries(REGIONS).map(([code, name]) => html`<li><a href="/sekretariat/kontakter?region=${code}"${code === region ? html` aria-current="page"` : ''}>${name}</a></li>`)}</ul></nav>
${state.saved ? notice(`Kontaktoplysningerne for ${municipality(state.saved).name} er gemt.`, 'ok') : ''}
${state.imported !== undefined ? notice(`Kontaktregistret er indlæst: ${state.imported} kommuner opdateret.`, 'ok') : ''}${errorSummary([...issues, ...importIssues])}
<p>Kontaktpersonerne får invitationer og påmindelser; socialdirektøren får eskaleringer. De kopieres ind i en indberetning, når den sendes ud. ${missing ? `${missing} af ${codes.length} kommuner mangler kontaktpersoner.` : `Alle ${codes.length} kommuner har kontaktpersoner.`}</p>
<table><caption>${REGIONS[region]}</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Kontaktpersoner</th><th scope="col">Socialdirektør</th><th scope="col">Ret</th></tr></thead>
<tbody>${codes.map((code) => {
        const c = contacts[code];
        const name = municipality(code).name;
        const mine = state.code === code;
        const value = (field: string, fallback?: string) => (mine && state.submitted ? (state.submitted[field] ?? '') : fallback);
        const rows = rowsFor(mine && state.submitted ? Object.keys(state.submitted).filter((k) => /^email\.\d+$/.test(k)).length - 1 : (c?.contacts.length ?? 0));
        return html`<tr><th scope="row">${name}</th><td>${c ? html`<ul class="plain">${c.contacts.map((p) => html`<li>${bdi(p.name)} &lt;${bdi(p.email)}&gt;</li>`)}</ul>` : html`<span class="status err">mangler</span>`}</td><td>${bdi(c?.directorEmail ?? '–')}</td>
<td><details${mine && issues.length ? html` open` : ''}><summary>Ret<span class="visually-hidden"> ${name}</span></summary>
<form method="post" novalidate><input type="hidden" name="code" value="${code}"><input type="hidden" name="region" value="${region}">
${Array.from({ length: rows }, (_, i) => html`<fieldset><legend>Kontaktperson ${i + 1}${i ? html` <span class="hint">(valgfri)</span>` : ''}</legend>
${input({ path: `${code}.name.${i}`, name: `name.${i}`, label: 'Navn', value: value(`name.${i}`, c?.contacts[i]?.name), issues, required: i === 0 })}
${input({ path: `${code}.email.${i}`, name: `email.${i}`, label: 'E-mail', type: 'email', value: value(`email.${i}`, c?.contacts[i]?.email), issues, required: i === 0 })}</fieldset>`)}
${input({ path: `${code}.directorEmail`, name: 'directorEmail', label: 'Socialdirektørens e-mail', type: 'email', value: value('directorEmail', c?.directorEmail), issues, required: true })}
<button type="submit">Gem<span class="visually-hidden"> ${name}</span></button></form></details></td></tr>`;
      })}</tbody></table>
<h2 id="indlaes">Indlæs fra en CSV-fil</h2>
<p>Gem regnearket som CSV (semikolon- eller kommasepareret). Første række er overskrifter: <strong>Kommunekode</strong> (eller <strong>Kommune</strong> med navnet), <strong>Navn</strong>, <strong>E-mail</strong> og <strong>Socialdirektør</strong> (e-mail). Én række pr. kontaktperson; en kommune med flere kontaktpersoner har flere rækker. Kommuner i filen får netop de kontaktpersoner, filen nævner; andre kommuner røres ikke. Er der fejl i filen, gemmes intet.</p>
<form method="post" action="/sekretariat/kontakter/import" enctype="multipart/form-data" novalidate><input type="hidden" name="region" value="${region}">
${fileInput(importIssues)}
<button type="submit">Indlæs kontaktpersoner for ${REGIONS[region]}</button></form>`,
    };
  };

  router.get('/sekretariat/kontakter', only(async ({ req }) => contactsPage(regionOf(req.query.region), { saved: typeof req.query.gemt === 'string' && /^\d{4}$/.test(req.query.gemt) ? req.query.gemt : '', ...(typeof req.query.indlaest === 'string' ? { imported: Number(req.query.indlaest) || 0 } : {}) })));
  router.post(
    '/sekretariat/kontakter',
    only(async ({ req, caller }) => {
      const b = req.body as Body;
      const region = regionOf(b.region);
      const rows = Object.keys(b).filter((k) => /^email\.\d+$/.test(k)).map((k) => Number(k.slice(6))).sort((x, y) => x - y);
      const people = rows.map((i) => ({ name: b[`name.${i}`] ?? '', email: b[`email.${i}`] ?? '' })).filter((p, i) => i === 0 || p.name.trim() || p.email.trim());
      try {
        await udmeld.setContacts({ municipalityCode: b.code ?? '', contacts: { contacts: people, directorEmail: b.directorEmail ?? '' }, by: caller.actor });
        return { redirect: `/sekretariat/kontakter?region=${region}&gemt=${b.code}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        // contacts.contacts.1.email → <code>.email.1, as the fields are named on the page
        const map = (p: string) => {
          const row = /^contacts\.contacts\.(\d+)\.(name|email)$/.exec(p);
          return `${b.code}.${row ? `${row[2]}.${row[1]}` : p.replace(/^contacts\.contacts$/, 'name.0').replace(/^contacts\./, '')}`;
        };
        return contactsPage(region, { issues: err.issues.map((x) => ({ ...x, path: map(x.path) })), code: b.code ?? '', submitted: b });
      }
    }),
  );
  router.post(
    '/sekretariat/kontakter/import',
    only(async ({ req, caller }) => {
      const upload = await readUpload(req);
      const region = regionOf(upload.fields.region);
      try {
        if (upload.problem) throw new UdmeldError('invalid_input', upload.problem, [{ path: 'fil', message: upload.problem }]);
        const { municipalities } = await udmeld.importContacts({ csv: upload.text, regionCode: region, by: caller.actor });
        return { redirect: `/sekretariat/kontakter?region=${region}&indlaest=${municipalities.length}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        return contactsPage(region, { importIssues: err.issues.length ? err.issues : [{ path: 'fil', message: err.message }] });
      }
    }),
  );
  return router;
}

function fileInput(issues: FieldIssue[]) {
  const error = issues.length > 0;
  return html`<label for="felt-fil">CSV-fil</label><p class="hint" id="felt-fil-hint">Højst ${MAX_IMPORT_BYTES / 1000} kB, UTF-8 eller Windows-tegnsæt (som Excel gemmer).</p>
${error ? html`<ul class="error" id="felt-fil-fejl">${issues.map((i) => html`<li>${i.message}</li>`)}</ul>` : ''}
<input type="file" id="felt-fil" name="fil" accept=".csv,text/csv" required aria-describedby="felt-fil-hint${error ? ' felt-fil-fejl' : ''}"${error ? html` aria-invalid="true"` : ''}>`;
}

/** The uploaded file (as text: UTF-8, or Windows-1252 as Danish Excel saves it) and the form's other fields. */
function readUpload(req: Request): Promise<{ text: string; fields: Body; problem?: string }> {
  return new Promise((resolve) => {
    const fields: Body = {};
    const chunks: Buffer[] = [];
    let problem: string | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_IMPORT_BYTES, fields: 10, fieldSize: 1000 } });
    } catch {
      return resolve({ text: '', fields, problem: 'Vælg en CSV-fil' });
    }
    parser.on('field', (name, value) => void (fields[name] = value));
    parser.on('file', (_name, stream) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (problem = `Filen er for stor (højst ${MAX_IMPORT_BYTES / 1000} kB)`));
    });
    parser.on('error', () => resolve({ text: '', fields, problem: 'Filen kunne ikke læses' }));
    parser.on('close', () => {
      const bytes = Buffer.concat(chunks);
      if (!problem && bytes.length === 0) problem = 'Vælg en CSV-fil';
      resolve({ text: decode(bytes), fields, ...(problem ? { problem } : {}) });
    });
    req.pipe(parser);
  });
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
