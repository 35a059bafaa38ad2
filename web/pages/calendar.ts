// A person's calendar feed: the address a calendar program subscribes to (no sign-in: the address
// is the key), and its management on the person's own page.
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import type { Caller } from '../../domain/people';
import { UdmeldError } from '../../domain/errors';
import { html, type Html } from '../../domain/html';
import { ICALENDAR } from '../../report/icalendar';
import { dateTime, notice } from '../components';
import { pageRoute } from '../page-route';

export const MY_CALENDAR = '/mine-sessioner/kalender';

export function calendarPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();

  router.get('/kalender/:file', async (req, res, next) => {
    const token = /^(.+)\.ics$/.exec(String(req.params.file))?.[1] ?? '';
    try {
      const text = await app.calendarFeed(token);
      res.type(ICALENDAR).setHeader('Cache-Control', 'private, max-age=900').send(text);
    } catch (err) {
      if (err instanceof UdmeldError && err.kind === 'not_found') return void res.status(404).type('text/plain').send(err.message);
      next(err);
    }
  });

  router.post(
    MY_CALENDAR,
    pageRoute(access, ['secretariat', 'director', 'municipality'], async ({ req, caller }) => {
      const action = (req.body as Record<string, string>).handling;
      if (action === 'tilbagekald') {
        await app.revokeMyCalendarFeed(caller);
        return { redirect: '/mine-sessioner?kalender=tilbagekaldt' };
      }
      const created = await app.createMyCalendarFeed(caller);
      return {
        title: 'Din kalender',
        body: html`<h1>Din kalender</h1>${await calendarSection(app, caller, created)}<p><a href="/mine-sessioner">Tilbage til dine sessioner</a></p>`,
      };
    }),
  );
  return router;
}

/** The section of the person's own page: the feed's state, a new address (shown once), revoke. */
export async function calendarSection(app: Udmeld, caller: Caller, created?: { url: string; webcal: string }): Promise<Html> {
  if (!caller.personId) return html``;
  const { active } = await app.myCalendarFeed(caller);
  return html`<h2 id="kalender">Frister og møder i din kalender</h2>
<p>Abonnér på dine frister og møder i Outlook, Google Kalender eller på telefonen. Kalenderen opdateres af sig selv, når en frist flyttes. Adressen er personlig: den, der har den, kan se dine frister.</p>
${created ? notice(html`Din kalenderadresse er oprettet. Kopiér den nu; den vises ikke igen:<br><code class="secret">${created.url}</code><br><a href="${created.webcal}">Abonnér i din kalender</a>`, 'ok') : ''}
${active ? html`<p>Din kalenderadresse blev oprettet ${dateTime(active.createdAt)}${active.lastUsedAt ? html` og senest hentet ${dateTime(active.lastUsedAt)}` : ''}.</p>` : html`<p>Du har ingen kalenderadresse.</p>`}
<form method="post" action="${MY_CALENDAR}"><button type="submit" name="handling" value="ny">${active ? 'Lav en ny adresse (den gamle holder op med at virke)' : 'Lav en kalenderadresse'}</button>
${active ? html`<button type="submit" name="handling" value="tilbagekald" class="secondary">Tilbagekald adressen</button>` : ''}</form>`;
}
