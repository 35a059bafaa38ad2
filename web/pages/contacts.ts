// The secretariat's contact register for any region: every municipality's contact persons (several
// each) and social director, edited one municipality at a time, or imported from a CSV file as
// secretariats keep it in a spreadsheet (all of the file, or nothing).
import { readTextUpload } from '../multipart';
import { Router } from 'express';
import type { AccessOptions } from '../../auth/authenticate';
import { UdmeldError } from '../../domain/errors';
import type { Udmeld } from '../../app';
import { MAX_IMPORT_BYTES } from '../../domain/contact-import';
import { municipalitiesOfRegion, municipality, REGIONS, SYDDANMARK, type RegionCode } from '../../domain/municipalities';
import type { FieldIssue } from '../../domain/zod';
import type { Caller } from '../../domain/people';
import { errorSummary, input, notice } from '../components';
import { contactFields, contactsFromForm } from '../contact-fields';
import { bdi, html } from '../../domain/html';
import { pageRoute, type PageResult } from '../page-route';

type Body = Record<string, string>;
const regionOf = (value: unknown): RegionCode => (typeof value === 'string' && value in REGIONS ? (value as RegionCode) : SYDDANMARK);

export function contactPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  const contactsPage = async (
    caller: Caller,
    region: RegionCode,
    state: { issues?: FieldIssue[]; code?: string; saved?: string; imported?: number; importIssues?: FieldIssue[]; submitted?: Body } = {},
  ): Promise<PageResult> => {
    const contacts = await app.contacts(caller);
    const issues = state.issues ?? [];
    const importIssues = state.importIssues ?? [];
    const codes = [
      ...municipalitiesOfRegion(region).sort((a, b) => municipality(a).name.localeCompare(municipality(b).name, 'da')),
      region,
    ];
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
<thead><tr><th scope="col">Kommune eller region</th><th scope="col">Kontaktpersoner</th><th scope="col">Socialdirektør</th><th scope="col">Ret</th></tr></thead>
<tbody>${codes.map((code) => {
        const c = contacts[code];
        const name = municipality(code).name;
        const mine = state.code === code;
        return html`<tr><th scope="row">${name}</th><td>${c ? html`<ul class="plain">${c.contacts.map((p) => html`<li>${bdi(p.name)} &lt;${bdi(p.email)}&gt;</li>`)}</ul>` : html`<span class="status err">mangler</span>`}</td><td>${bdi(c?.directorEmail ?? '–')}</td>
<td><details${mine && issues.length ? html` open` : ''}><summary>Ret<span class="visually-hidden"> ${name}</span></summary>
<form method="post" novalidate><input type="hidden" name="code" value="${code}"><input type="hidden" name="region" value="${region}">
${contactFields(code, c, { issues, ...(mine && state.submitted ? { submitted: state.submitted } : {}) })}
<button type="submit">Gem<span class="visually-hidden"> ${name}</span></button></form></details></td></tr>`;
      })}</tbody></table>
<h2 id="indlaes">Indlæs fra en CSV-fil</h2>
<p>Gem regnearket som CSV (semikolon- eller kommasepareret). Første række er overskrifter: <strong>Kommunekode</strong> (eller <strong>Kommune</strong> med navnet), <strong>Navn</strong>, <strong>E-mail</strong> og <strong>Socialdirektør</strong> (e-mail). Én række pr. kontaktperson; en kommune med flere kontaktpersoner har flere rækker. Kommuner i filen får netop de kontaktpersoner, filen nævner; andre kommuner røres ikke. Er der fejl i filen, gemmes intet.</p>
<form method="post" action="/sekretariat/kontakter/import" enctype="multipart/form-data" novalidate><input type="hidden" name="region" value="${region}">
${input({ path: 'fil', label: 'CSV-fil', type: 'file', accept: '.csv,text/csv', hint: `Højst ${MAX_IMPORT_BYTES / 1000} kB, UTF-8 eller Windows-tegnsæt (som Excel gemmer).`, issues: importIssues, required: true })}
<button type="submit">Indlæs kontaktpersoner for ${REGIONS[region]}</button></form>`,
    };
  };

  router.get(
    '/sekretariat/kontakter',
    only(async ({ req, caller }) =>
      contactsPage(caller, regionOf(req.query.region), {
        saved: typeof req.query.gemt === 'string' && /^\d{4}$/.test(req.query.gemt) ? req.query.gemt : '',
        ...(typeof req.query.indlaest === 'string' ? { imported: Number(req.query.indlaest) || 0 } : {}),
      }),
    ),
  );
  router.post(
    '/sekretariat/kontakter',
    only(async ({ req, caller }) => {
      const b = req.body as Body;
      const region = regionOf(b.region);
      try {
        await app.setContacts(b.code ?? '', contactsFromForm(b, b.code ?? ''), caller);
        return { redirect: `/sekretariat/kontakter?region=${region}&gemt=${b.code}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        // contacts.contacts.1.email → <code>.contacts.1.email, as the fields are named on the page
        const map = (p: string) => `${b.code}.${p.replace(/^contacts\./, '').replace(/^contacts$/, 'contacts.0.name')}`;
        return contactsPage(caller, region, {
          issues: err.issues.map((x) => ({ ...x, path: map(x.path) })),
          code: b.code ?? '',
          submitted: b,
        });
      }
    }),
  );
  router.post(
    '/sekretariat/kontakter/import',
    only(async ({ req, caller }) => {
      const upload = await readTextUpload(req, MAX_IMPORT_BYTES, 'Vælg en CSV-fil');
      const region = regionOf(upload.fields.region);
      try {
        if (upload.problem) throw new UdmeldError('invalid_input', upload.problem, [{ path: 'fil', message: upload.problem }]);
        const { municipalities } = await app.importContacts({ csv: upload.text, regionCode: region }, caller);
        return { redirect: `/sekretariat/kontakter?region=${region}&indlaest=${municipalities.length}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        // The file's problems are the API's `csv` field's; on this page they belong to the file field.
        const issues = err.issues.length
          ? err.issues.map((i) => ({ ...i, path: i.path === 'csv' ? 'fil' : i.path }))
          : [{ path: 'fil', message: err.message }];
        return contactsPage(caller, region, { importIssues: issues });
      }
    }),
  );
  return router;
}
