// The meeting calendars, per region: each step's and council's meetings with their agenda
// deadlines, a form to add one, and imports from CSV or iCalendar (all of the file, or nothing).
import { Router } from 'express';
import type { Udmeld } from '../../app';
import { MAX_CALENDAR_BYTES } from '../../app/meetings';
import type { AccessOptions } from '../../auth/authenticate';
import { REGION_COUNCIL } from '../../domain/commands';
import { UdmeldError } from '../../domain/errors';
import { bdi, html } from '../../domain/html';
import { DEFAULT_AGENDA_WORKING_DAYS } from '../../domain/meeting-input';
import { bodyName, meetingHolder, meetingTimes, MEETING_BODIES } from '../../domain/meetings';
import { municipalitiesOfRegion, municipality, REGIONS, SYDDANMARK, type RegionCode } from '../../domain/municipalities';
import type { Caller } from '../../domain/people';
import type { FieldIssue } from '../../domain/zod';
import { date, errorSummary, input, notice, select } from '../components';
import { readTextUpload } from '../multipart';
import { pageRoute, type PageResult } from '../page-route';

type Body = Record<string, string>;
const regionOf = (value: unknown): RegionCode => (typeof value === 'string' && value in REGIONS ? (value as RegionCode) : SYDDANMARK);
const LABELS = {
  body: 'Organ',
  council: 'Byråd',
  date: 'Mødedato',
  agendaWorkingDays: 'Dagsordensfrist, arbejdsdage før mødet',
  title: 'Titel',
  fil: 'Fil',
  format: 'Filtype',
};

export function meetingPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  const only = (handle: Parameters<typeof pageRoute>[2]) => pageRoute(access, ['secretariat'], handle);

  const page = async (
    caller: Caller,
    region: RegionCode,
    state: { issues?: FieldIssue[]; form?: 'add' | 'import'; saved?: string; submitted?: Body } = {},
  ): Promise<PageResult> => {
    const meetings = await app.meetings({ regionCode: region }, caller);
    const issues = state.issues ?? [];
    const typed = (field: string, fallback: string) => (state.form === 'add' ? (state.submitted?.[field] ?? fallback) : fallback);
    const councils: [string, string][] = [
      ['', '– kun for byråd –'],
      ...municipalitiesOfRegion(region)
        .map((c): [string, string] => [c, `${municipality(c).name} Byråd`])
        .sort((a, b) => a[1].localeCompare(b[1], 'da')),
      [REGION_COUNCIL, 'Regionsrådet'],
    ];
    const bodies: [string, string][] = MEETING_BODIES.map((b) => [b, bodyName(b)]);
    const who = meetingHolder;
    return {
      title: `Mødekalender, ${REGIONS[region]}`,
      status: issues.length ? 400 : 200,
      body: html`<h1>Mødekalender</h1>
<nav aria-label="Regioner"><ul class="tabs">${Object.entries(REGIONS).map(([code, name]) => html`<li><a href="/sekretariat/moeder?region=${code}"${code === region ? html` aria-current="page"` : ''}>${name}</a></li>`)}</ul></nav>
${state.saved ? notice(state.saved, 'ok') : ''}${errorSummary(issues, LABELS)}
<p>Godkendelseskæden spørger hvert trin i god tid til dagsordensfristen for dets næste møde, venter beslutningen på mødet og minder om det ud fra mødet. Et trin uden møder her mindes hver 14. dag. Byrådenes møder bruges i tidsplanen før udsendelse og i overblikket.</p>
${
  meetings.length
    ? html`<table><caption>Møder i ${REGIONS[region]} (${meetings.length})</caption>
<thead><tr><th scope="col">Dato</th><th scope="col">Organ</th><th scope="col">Dagsordensfrist</th><th scope="col">Titel</th><th scope="col">Slet</th></tr></thead>
<tbody>${meetings.map((m) => {
        const times = meetingTimes(m);
        return html`<tr><td>${date(m.date)}</td><th scope="row">${who(m)}</th><td>${date(times.agendaDeadline)} (${m.agendaWorkingDays} arbejdsdage før)</td><td>${bdi(m.title || '–')}</td>
<td><form method="post" action="/sekretariat/moeder/${m.id}/slet?region=${region}"><button type="submit" class="secondary">Slet<span class="visually-hidden"> ${who(m)} ${date(m.date)}</span></button></form></td></tr>`;
      })}</tbody></table>`
    : html`<p>Der er ingen møder i kalenderen for ${REGIONS[region]} endnu.</p>`
}
<h2 id="tilfoej">Tilføj et møde</h2>
<form method="post" action="/sekretariat/moeder?region=${region}" novalidate>
${select({ path: 'body', label: LABELS.body, value: typed('body', 'forum'), options: bodies, issues: state.form === 'add' ? issues : [], required: true })}
${select({ path: 'council', label: LABELS.council, value: typed('council', ''), options: councils, issues: state.form === 'add' ? issues : [], hint: 'Kun når organet er et byråd eller regionsrådet.' })}
${input({ path: 'date', label: LABELS.date, type: 'date', value: typed('date', ''), issues: state.form === 'add' ? issues : [], required: true })}
${input({ path: 'agendaWorkingDays', label: LABELS.agendaWorkingDays, value: typed('agendaWorkingDays', String(DEFAULT_AGENDA_WORKING_DAYS)), inputmode: 'numeric', issues: state.form === 'add' ? issues : [], required: true })}
${input({ path: 'title', label: LABELS.title, value: typed('title', ''), issues: state.form === 'add' ? issues : [] })}
<button type="submit">Tilføj mødet</button></form>
<h2 id="importer">Importér en mødekalender</h2>
<p><strong>CSV</strong> (semikolon eller komma): første række er overskrifter <strong>Organ</strong> (FU, Socialdirektørforum, K22, KKR, et kommunenavn for byrådet eller Regionsrådet), <strong>Dato</strong>, <strong>Dagsordensfrist</strong> (arbejdsdage før mødet) og <strong>Titel</strong>. <strong>iCalendar</strong> (.ics, fx eksporteret fra Outlook): hver begivenhed er et møde i det organ, du vælger herunder; gentagne møder læses to år frem. Er der fejl i filen, gemmes intet.</p>
<form method="post" action="/sekretariat/moeder/import?region=${region}" enctype="multipart/form-data" novalidate>
${input({ path: 'fil', label: 'Fil (.csv eller .ics)', type: 'file', accept: '.csv,.ics,text/csv,text/calendar', hint: `Højst ${MAX_CALENDAR_BYTES / 1_000_000} MB.`, issues: state.form === 'import' ? issues : [], required: true })}
${select({ path: 'importBody', name: 'body', label: 'Organ (kun iCalendar)', value: '', options: [['', '– står i CSV-filen –'], ...bodies], issues: [] })}
${select({ path: 'importCouncil', name: 'council', label: 'Byråd (kun iCalendar for et byråd)', value: '', options: councils, issues: [] })}
${input({ path: 'importAgenda', name: 'agendaWorkingDays', label: 'Dagsordensfrist, arbejdsdage før mødet (kun iCalendar)', value: String(DEFAULT_AGENDA_WORKING_DAYS), inputmode: 'numeric', issues: [] })}
<button type="submit">Importér</button></form>`,
    };
  };

  router.get(
    '/sekretariat/moeder',
    only(async ({ req, caller }) =>
      page(caller, regionOf(req.query.region), {
        ...(typeof req.query.gemt === 'string' ? { saved: savedText(req.query.gemt) } : {}),
      }),
    ),
  );

  router.post(
    '/sekretariat/moeder',
    only(async ({ req, caller }) => {
      const b = req.body as Body;
      const region = regionOf(req.query.region);
      try {
        const saved = await app.addMeeting(
          {
            regionCode: region,
            body: b.body ?? '',
            ...(b.council ? { council: b.council } : {}),
            date: b.date ?? '',
            agendaWorkingDays: Number(b.agendaWorkingDays),
            title: b.title ?? '',
          },
          caller,
        );
        return { redirect: `/sekretariat/moeder?region=${region}&gemt=${saved.added}-${saved.updated}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        return page(caller, region, { issues: err.issues, form: 'add', submitted: b });
      }
    }),
  );

  router.post(
    '/sekretariat/moeder/import',
    only(async ({ req, caller }) => {
      const region = regionOf(req.query.region);
      const upload = await readTextUpload(req, MAX_CALENDAR_BYTES, 'Vælg en CSV- eller iCalendar-fil');
      try {
        if (upload.problem) throw new UdmeldError('invalid_input', upload.problem, [{ path: 'fil', message: upload.problem }]);
        const ics = /\.ics$/i.test(upload.name) || /^\s*BEGIN:VCALENDAR/i.test(upload.text);
        const f = upload.fields;
        const saved = await app.importMeetings(
          {
            regionCode: region,
            format: ics ? 'ics' : 'csv',
            text: upload.text,
            ...(f.body ? { body: f.body } : {}),
            ...(f.council ? { council: f.council } : {}),
            ...(ics ? { agendaWorkingDays: Number(f.agendaWorkingDays) } : {}),
          },
          caller,
        );
        return { redirect: `/sekretariat/moeder?region=${region}&gemt=${saved.added}-${saved.updated}` };
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind !== 'invalid_input') throw err;
        const issues = err.issues.length ? err.issues.map((i) => ({ ...i, path: 'fil' })) : [{ path: 'fil', message: err.message }];
        return page(caller, region, { issues, form: 'import' });
      }
    }),
  );

  router.post(
    '/sekretariat/moeder/:meetingId/slet',
    only(async ({ req, caller }) => {
      const region = regionOf(req.query.region);
      await app.deleteMeeting(String(req.params.meetingId), region, caller);
      return { redirect: `/sekretariat/moeder?region=${region}&gemt=slettet` };
    }),
  );
  return router;
}

function savedText(code: string): string {
  if (code === 'slettet') return 'Mødet er slettet.';
  const [added = 0, updated = 0] = code.split('-').map(Number);
  return `Mødekalenderen er gemt: ${added} ${added === 1 ? 'møde' : 'møder'} tilføjet${updated ? `, ${updated} ændret` : ''}.`;
}
