// Access: everyone's own sessions ("log ud alle steder"), and for the secretariat the people who have
// access (revoke, reinstate, log out), the forum's members and the integrations' service keys.
import { Router } from 'express';
import type { AccessOptions } from '../../auth/authenticate';
import { parseOrThrow, UdmeldError } from '../../domain/errors';
import { serviceKeyBody } from '../../app/access-admin';
import type { Udmeld } from '../../app';
import type { PersonListing } from '../../app/access-admin';
import { municipality, respondentName } from '../../domain/municipalities';
import type { PersonalData } from '../../domain/personal-data';
import { eventLabel, type EventKind } from '../../domain/record';
import { ROLE_LABELS } from '../../domain/actors';
import { PERSON_KIND_LABELS, SCOPE_NAMES, SERVICE_KEY_SCOPES, type Caller } from '../../domain/people';
import type { FieldIssue } from '../../domain/zod';
import { dateTime, errorSummary, input, notice } from '../components';
import { bdi, html, type Html } from '../../domain/html';
import { pageRoute } from '../page-route';
import { WEBHOOKS } from './webhooks';
import { calendarSection } from './calendar';

type Body = Record<string, string | string[] | undefined>;

const METHOD_NAMES = { oidc: 'Log ind', break_glass: 'Nødadgang', link: 'Personligt link med log ind' } as const;

export function accessPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();

  router.get(
    '/mine-sessioner',
    pageRoute(access, ['secretariat', 'director', 'municipality'], async ({ req, caller }) => {
      const sessions = await app.mySessions(caller);
      const calendar = await calendarSection(app, caller);
      return {
        title: 'Mine sessioner',
        body: html`<h1>Mine sessioner</h1>
<p>Du er ${bdi(caller.actor.name)}${caller.actor.email ? html` (${bdi(caller.actor.email)})` : ''}, ${caller.via === 'link' ? 'via dit personlige link' : 'logget ind'}.</p>
${
  sessions.length
    ? html`<table><caption>Steder, hvor du er logget ind</caption><thead><tr><th scope="col">Logget ind</th><th scope="col">Senest brugt</th><th scope="col">Udløber</th><th scope="col">Hvordan</th><th scope="col">Browser</th></tr></thead>
<tbody>${sessions.map((s) => html`<tr><td>${dateTime(s.createdAt)}${s.id === caller.sessionId ? ' (denne)' : ''}</td><td>${dateTime(s.lastSeenAt)}</td><td>${dateTime(s.expiresAt)}</td><td>${METHOD_NAMES[s.method]}</td><td>${bdi(s.userAgent.slice(0, 80))}</td></tr>`)}</tbody></table>
<form method="post" action="/log-ud/alle-steder"><button type="submit">Log ud alle steder</button></form>`
    : html`<p>Du har ingen sessioner; dit link er din adgang.</p>`
}
${req.query.kalender === 'tilbagekaldt' ? notice('Kalenderadressen er tilbagekaldt.', 'ok') : ''}${calendar}`,
      };
    }),
  );

  const page = async (
    caller: Caller,
    outcome: { issues?: FieldIssue[]; message?: string; newKey?: { name: string; key: string }; form?: string } = {},
  ) => {
    const [people, keys, webhooks] = await Promise.all([app.people(caller), app.serviceKeys(caller), app.webhooks(caller)]);
    const paused = webhooks.filter((w) => w.status === 'paused');
    const status = outcome.issues?.length || outcome.form ? 400 : 200;
    // The key form's fields are named as the API's body, but their ids must differ from the forum form's.
    const keyIssues =
      outcome.form === 'key' ? (outcome.issues ?? []).map((i) => ({ ...i, path: i.path === 'name' ? 'keyName' : i.path })) : [];
    return {
      title: 'Adgang',
      status,
      body: html`<h1>Adgang</h1>
<p><a href="/sekretariat/adgang/spor">Adgangsspor</a> – hvem loggede ind og ud, og hvem spærrede, genåbnede, oprettede og tilbagekaldte hvad</p>
<p><a href="${PERSONAL_DATA}">Personoplysninger</a> – indsigt i og sletning af det, udmeld har om en person</p>
<p><a href="${WEBHOOKS}">Webhooks</a> – hændelser sendt til sags- og dagsordenssystemer (${webhooks.length} abonnement${webhooks.length === 1 ? '' : 'er'})</p>
${paused.length ? notice(html`${paused.length === 1 ? 'En webhook er' : `${paused.length} webhooks er`} sat på pause, fordi modtageren blev ved med at fejle: ${paused.map((w) => html`<a href="${WEBHOOKS}/${w.id}">${bdi(w.name)}</a>`)}`, 'warn') : ''}
${outcome.newKey ? notice(html`Nøglen <strong>${bdi(outcome.newKey.name)}</strong> er oprettet. Kopiér den nu; den vises ikke igen:<br><code class="secret">${outcome.newKey.key}</code>`, 'ok') : ''}
${outcome.message ? notice(outcome.message, status === 400 ? 'warn' : 'ok') : ''}
<h2>Personer</h2>
<p>Sekretariatet og direktørerne logger ind; kommunernes kontaktpersoner og forummets medlemmer får personlige links. En spærret person kan hverken bruge sine links eller logge ind.</p>
${peopleTable(people)}
<h2>Medlemmer af Socialdirektørforum</h2>
<p>Hvert medlem får sit eget link, når forummet skal godkende en afrapportering. Er der ingen medlemmer, går e-mailen til forummets fælles adresse, og modtagerne skal logge ind.</p>
${outcome.form === 'forum' ? errorSummary(outcome.issues ?? []) : ''}
<form method="post" novalidate><input type="hidden" name="handling" value="forum">
${input({ path: 'name', label: 'Navn', required: true, issues: outcome.form === 'forum' ? outcome.issues : [] })}
${input({ path: 'email', label: 'E-mail', type: 'email', required: true, issues: outcome.form === 'forum' ? outcome.issues : [] })}
<button type="submit">Tilføj medlem</button></form>
<h2>Integrationsnøgler</h2>
<p>Til fx sags- og dagsordenssystemer. En nøgle giver kun de tilladelser, den har fået; udmeld gemmer ikke selve nøglen.</p>
${
  keys.length
    ? html`<table><caption>Nøgler</caption><thead><tr><th scope="col">Navn</th><th scope="col">Tilladelser</th><th scope="col">Oprettet</th><th scope="col">Senest brugt</th><th scope="col">Status</th></tr></thead>
<tbody>${keys.map(
        (
          k,
        ) => html`<tr><td>${bdi(k.name)} <span class="hint">(${k.id})</span></td><td>${k.scopes.join(', ')}</td><td>${dateTime(k.createdAt)} af ${bdi(k.createdBy.name)}</td><td>${k.lastUsedAt ? dateTime(k.lastUsedAt) : 'aldrig'}</td>
<td>${k.revokedAt ? html`tilbagekaldt ${dateTime(k.revokedAt)}${k.revokedBy ? html` af ${bdi(k.revokedBy.name)}` : ''}` : html`<form method="post"><input type="hidden" name="handling" value="revoke-key"><input type="hidden" name="id" value="${k.id}"><button type="submit">Tilbagekald<span class="visually-hidden"> ${k.name}</span></button></form>`}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Ingen nøgler endnu.</p>`
}
${outcome.form === 'key' ? errorSummary(keyIssues) : ''}
<form method="post" novalidate><input type="hidden" name="handling" value="key">
${input({ path: 'keyName', name: 'name', label: 'Nøglens navn (fx systemets)', required: true, issues: keyIssues })}
<fieldset id="felt-scopes"><legend>Tilladelser</legend>${SCOPE_NAMES.map(
        (scope) =>
          html`<div class="check"><input type="checkbox" name="scopes" value="${scope}" id="scope-${scope.replace(':', '-')}"><label for="scope-${scope.replace(':', '-')}">${SERVICE_KEY_SCOPES[scope]}</label></div>`,
      )}</fieldset>
<button type="submit">Opret nøgle</button></form>`,
    };
  };

  router.get(
    '/sekretariat/adgang',
    pageRoute(access, ['secretariat'], ({ caller }) => page(caller)),
  );

  const personalPage = (outcome: { email?: string; data?: PersonalData; issues?: FieldIssue[]; message?: string; ok?: boolean } = {}) => ({
    title: 'Personoplysninger',
    status: outcome.issues?.length || (outcome.message && !outcome.ok) ? 400 : 200,
    body: html`<p><a href="/sekretariat/adgang">Adgang</a></p><h1>Personoplysninger</h1>
<p>En person kan bede om indsigt i det, udmeld har om dem (art. 15), og om at få det slettet (art. 17). Sletning erstatter personen med et pseudonym overalt (fx "en kontaktperson i Odense Kommune"), så sporet af hvad der skete, består. Det kan ikke ske, mens personen er spurgt i en åben runde: skift først kontaktpersonen i runden.</p>
${outcome.message ? notice(outcome.message, outcome.ok ? 'ok' : 'warn') : ''}${errorSummary(outcome.issues ?? [])}
<form method="post" novalidate><input type="hidden" name="handling" value="indsigt">
${input({ path: 'email', label: 'Personens e-mailadresse', type: 'email', required: true, value: outcome.email ?? '', issues: outcome.issues ?? [] })}
<button type="submit">Vis alt om personen</button></form>
${outcome.data ? personalDataSection(outcome.data) : ''}`,
  });
  router.get(
    PERSONAL_DATA,
    pageRoute(access, ['secretariat'], async () => personalPage()),
  );
  router.post(
    PERSONAL_DATA,
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const b = req.body as Body;
      const one = (v: Body[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
      const email = one(b.email);
      try {
        if (one(b.handling) === 'slet') {
          const erased = await app.erasePersonalData({ email, reason: one(b.reason) }, caller);
          return personalPage({
            ok: true,
            message: `Personen er slettet og hedder nu "${erased.pseudonym}" i registreringen (${erased.changed} rækker ændret).`,
          });
        }
        return personalPage({ email, data: await app.exportPersonalData({ email }, caller) });
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind === 'unavailable') throw err;
        return personalPage({ email, issues: err.issues, message: err.issues.length ? undefined : err.message });
      }
    }),
  );
  router.post(
    '/sekretariat/adgang',
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const b = req.body as Body;
      const one = (v: Body[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
      const form = one(b.handling);
      try {
        switch (form) {
          case 'forum': {
            const person = await app.addForumMember({ name: one(b.name), email: one(b.email) }, caller);
            return page(caller, { message: `${person.name} er medlem af Socialdirektørforum` });
          }
          case 'key': {
            const scopes = b.scopes === undefined ? [] : Array.isArray(b.scopes) ? b.scopes : [b.scopes];
            const created = await app.createServiceKey(parseOrThrow(serviceKeyBody, { name: one(b.name), scopes }), caller);
            return page(caller, { newKey: { name: created.name, key: created.key } });
          }
          case 'revoke-key':
            await app.revokeServiceKey(one(b.id), caller);
            return page(caller, { message: 'Nøglen er tilbagekaldt' });
          case 'revoke':
            return page(caller, { message: `${(await app.revokePerson(one(b.id), caller)).name} er spærret` });
          case 'reinstate':
            return page(caller, { message: `${(await app.reinstatePerson(one(b.id), caller)).name} er genåbnet` });
          case 'end-sessions':
            return page(caller, { message: `${(await app.endSessionsOf(one(b.id), caller)).ended} session(er) afsluttet` });
          default:
            return page(caller, { message: 'Ukendt handling' });
        }
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind === 'unavailable') throw err;
        return page(caller, { issues: err.issues, message: err.issues.length ? undefined : err.message, form });
      }
    }),
  );
  return router;
}

const PERSONAL_DATA = '/sekretariat/adgang/persondata';
const AS = { contact: 'Kontaktperson', director: 'Socialdirektør' } as const;

function personalDataSection(d: PersonalData): Html {
  const table = (caption: string, head: string[], rows: Html[]) =>
    rows.length
      ? html`<table><caption>${caption}</caption><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`
      : html`<p>${caption}: ingen.</p>`;
  const where = (code: string | null) => (code ? respondentName(code) : '');
  const holds = d.rounds.filter((r) => r.open);
  return html`<h2>Det har udmeld om ${bdi(d.email)}</h2>
${table(
  'Personer med adgang',
  ['Navn', 'Rolle', 'Kommune', 'Oprettet', 'Spærret'],
  d.people.map(
    (p) =>
      html`<tr><td>${bdi(p.name)}</td><td>${ROLE_LABELS[p.role as keyof typeof ROLE_LABELS] ?? p.role}</td><td>${where(p.municipalityCode)}</td><td>${dateTime(p.createdAt)}</td><td>${p.revokedAt ? dateTime(p.revokedAt) : ''}</td></tr>`,
  ),
)}
${table(
  'Sessioner',
  ['Logget ind', 'Senest brugt', 'Hvordan', 'Browser'],
  d.sessions.map(
    (s) =>
      html`<tr><td>${dateTime(s.createdAt)}</td><td>${dateTime(s.lastSeenAt)}</td><td>${s.method}</td><td>${bdi(s.userAgent.slice(0, 80))}</td></tr>`,
  ),
)}
${table(
  'Kontaktregistret',
  ['Kommune', 'Som', 'Navn'],
  d.register.map((r) => html`<tr><td>${where(r.municipalityCode)}</td><td>${AS[r.as]}</td><td>${bdi(r.name ?? '')}</td></tr>`),
)}
${table(
  'Runder',
  ['Udmelding', 'Kommune', 'Som', 'Åben'],
  d.rounds.map(
    (r) =>
      html`<tr><td><a href="/sekretariat/cu/${r.cuId}">${r.cuId}</a></td><td>${where(r.municipalityCode)}</td><td>${AS[r.as]}</td><td>${r.open ? 'ja' : 'nej'}</td></tr>`,
  ),
)}
${table(
  'Handlinger i revisionssporet',
  ['Tid', 'Hvad', 'Udmelding', 'Kommune', 'Note'],
  d.actions.map(
    (a) =>
      html`<tr><td>${dateTime(a.at)}</td><td>${eventLabel(a.kind as EventKind)}</td><td>${a.cuId ?? ''}</td><td>${where(a.municipalityCode)}</td><td>${bdi(a.note ?? '')}</td></tr>`,
  ),
)}
${table(
  'E-mails til personen',
  ['Sendt', 'Hvilken', 'Udmelding', 'Kommune', 'Status'],
  d.mail.map(
    (m) =>
      html`<tr><td>${m.sentAt ? dateTime(m.sentAt) : ''}</td><td>${m.template}</td><td>${m.cuId ?? ''}</td><td>${where(m.municipalityCode)}</td><td>${m.status}</td></tr>`,
  ),
)}
<p class="hint">Som JSON: <code>POST /api/personal-data/export</code> med adressen.</p>
<h2>Slet personen</h2>
${
  holds.length
    ? notice(
        html`Kan ikke slettes endnu: personen er spurgt i ${holds.length === 1 ? 'en åben runde' : `${holds.length} åbne runder`} (${holds.map((h) => `${h.cuId}, ${where(h.municipalityCode)}`).join('; ')}).`,
        'warn',
      )
    : html`<form method="post" novalidate><input type="hidden" name="handling" value="slet"><input type="hidden" name="email" value="${d.email}">
${input({ path: 'reason', label: 'Begrundelse (fx anmodningens dato; skriv ikke navnet)', required: true, issues: [] })}
<button type="submit" class="danger">Slet personens oplysninger</button></form>`
}`;
}

function peopleTable(people: PersonListing[]): Html {
  if (!people.length) return html`<p>Ingen personer endnu.</p>`;
  const action = (id: string, handling: string, label: string, name: string) =>
    html`<form method="post" class="inline"><input type="hidden" name="handling" value="${handling}"><input type="hidden" name="id" value="${id}"><button type="submit">${label}<span class="visually-hidden"> ${name}</span></button></form>`;
  return html`<table><caption>Personer med adgang</caption><thead><tr><th scope="col">Navn</th><th scope="col">Rolle</th><th scope="col">Kommune</th><th scope="col">Log ind</th><th scope="col">Status</th><th scope="col">Handlinger</th></tr></thead>
<tbody>${people.map(
    (p) => html`<tr><td>${bdi(p.name)}${p.email ? html`<br><span class="hint">${bdi(p.email)}</span>` : ''}</td>
<td>${ROLE_LABELS[p.role]} · ${PERSON_KIND_LABELS[p.kind]}</td><td>${p.municipalityCode ? municipality(p.municipalityCode).name : ''}</td>
<td>${p.subject ? html`${p.activeSessions} aktive sessioner` : 'nej'}</td>
<td>${p.revokedAt ? html`<span class="status err">Spærret ${dateTime(p.revokedAt)}</span>${p.revokedBy ? html`<br><span class="hint">af ${bdi(p.revokedBy.name)}</span>` : ''}` : html`<span class="status ok">Aktiv</span>`}</td>
<td>${p.revokedAt ? action(p.id, 'reinstate', 'Genåbn', p.name) : html`${action(p.id, 'revoke', 'Spær', p.name)}${p.activeSessions ? action(p.id, 'end-sessions', 'Log ud alle steder', p.name) : ''}`}</td></tr>`,
  )}</tbody></table>`;
}
