// Webhooks under Adgang: the subscriptions (new ones, their secret shown once), and for each its
// deliveries with status, attempts and last error; rotate the secret, pause, resume, delete, and
// send a delivered event again.
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { parseOrThrow, UdmeldError } from '../../domain/errors';
import { EVENT_TYPES, kindOfEventType } from '../../domain/events';
import { bdi, html, type Html } from '../../domain/html';
import type { Caller } from '../../domain/people';
import { eventLabel, type EventKind } from '../../domain/record';
import { DELIVERY_STATUSES, subscriptionBody, WEBHOOK_STATUSES, type WebhookSubscription } from '../../domain/webhooks';
import type { FieldIssue } from '../../domain/zod';
import { dateTime, errorSummary, input, notice } from '../components';
import { pageRoute } from '../page-route';

type Body = Record<string, string | string[] | undefined>;
const one = (v: Body[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: Body[string]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const WEBHOOKS = '/sekretariat/adgang/webhooks';
const labelOf = (type: string) => eventLabel(kindOfEventType(type) as EventKind);

interface Outcome {
  issues?: FieldIssue[];
  message?: string;
  secret?: { name: string; secret: string };
}

const secretShown = (s: Outcome['secret']) =>
  s
    ? notice(
        html`Hemmeligheden til <strong>${bdi(s.name)}</strong>. Kopiér den nu til modtagersystemet; den vises ikke igen:<br><code class="secret">${s.secret}</code>`,
        'ok',
      )
    : '';

export function webhookPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();

  const listPage = async (caller: Caller, outcome: Outcome = {}) => {
    const subs = await app.webhooks(caller);
    const status = outcome.issues?.length || (outcome.message && !outcome.secret) ? 400 : 200;
    return {
      title: 'Webhooks',
      status,
      body: html`<p><a href="/sekretariat/adgang">Adgang</a></p><h1>Webhooks</h1>
<p>Et sags- eller dagsordenssystem kan få hver hændelse sendt, så snart den sker: som CloudEvents, signeret efter Standard Webhooks, én ad gangen i registreringens rækkefølge. En levering, der fejler, prøves igen med stigende mellemrum; fejler modtageren længe, sættes webhooken på pause, og sekretariatet får besked. Intet går tabt: det, der venter, sendes, når den genoptages.</p>
${secretShown(outcome.secret)}${outcome.message ? notice(outcome.message, status === 400 ? 'warn' : 'ok') : ''}
${
  subs.length
    ? html`<table><caption>Abonnementer</caption><thead><tr><th scope="col">Navn</th><th scope="col">Adresse</th><th scope="col">Hændelser</th><th scope="col">Status</th><th scope="col">Venter</th></tr></thead>
<tbody>${subs.map(
        (s) =>
          html`<tr><td><a href="${WEBHOOKS}/${s.id}">${bdi(s.name)}</a></td><td><code>${s.url}</code></td><td>${s.types.length ? s.types.map(labelOf).join(', ') : 'Alle'}</td><td>${statusOf(s)}</td><td>${s.pending}${s.failing ? html` <span class="status err">(${s.failing} fejler)</span>` : ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Ingen webhooks endnu.</p>`
}
<h2>Nyt abonnement</h2>
${errorSummary(outcome.issues ?? [])}
<form method="post" novalidate><input type="hidden" name="handling" value="opret">
${input({ path: 'name', label: 'Navn (fx systemets)', required: true, issues: outcome.issues ?? [] })}
${input({ path: 'url', label: 'Modtagerens adresse (https://…)', type: 'url', required: true, issues: outcome.issues ?? [] })}
<fieldset id="felt-types"><legend>Hændelser (vælg ingen for alle)</legend>${EVENT_TYPES.map((type) => {
        const id = `type-${type.replace(/[^a-z0-9]+/gi, '-')}`;
        return html`<div class="check"><input type="checkbox" name="types" value="${type}" id="${id}"><label for="${id}">${labelOf(type)} <span class="hint">(${type})</span></label></div>`;
      })}</fieldset>
<button type="submit">Opret webhook</button></form>`,
    };
  };

  const detailPage = async (caller: Caller, id: string, outcome: Outcome = {}) => {
    const [sub, deliveries] = await Promise.all([app.webhook(id, caller), app.webhookDeliveries(id, caller)]);
    const status = outcome.message && !outcome.secret && outcome.issues ? 400 : 200;
    const action = (handling: string, label: string, extra: Html | string = '', cls = '') =>
      html`<form method="post" class="inline"><input type="hidden" name="handling" value="${handling}">${extra}<button type="submit"${cls ? html` class="${cls}"` : ''}>${label}</button></form>`;
    return {
      title: `Webhook: ${sub.name}`,
      status,
      body: html`<p><a href="${WEBHOOKS}">Webhooks</a></p><h1>Webhook: ${bdi(sub.name)}</h1>
${secretShown(outcome.secret)}${outcome.message ? notice(outcome.message, outcome.issues ? 'warn' : 'ok') : ''}
${sub.status === 'paused' ? notice(html`Sat på pause ${dateTime(sub.pausedAt)}${sub.pausedReason ? html`: ${bdi(sub.pausedReason)}` : ''}. ${sub.pending} hændelse(r) venter og sendes i rækkefølge, når den genoptages.`, 'warn') : ''}
<dl><dt>Adresse</dt><dd><code>${sub.url}</code></dd><dt>Status</dt><dd>${statusOf(sub)}</dd>
<dt>Hændelser</dt><dd>${sub.types.length ? sub.types.map(labelOf).join(', ') : 'Alle'}</dd>
<dt>Oprettet</dt><dd>${dateTime(sub.createdAt)} af ${bdi(sub.createdBy.name)}</dd>
${sub.previousSecretUntil ? html`<dt>Den forrige hemmelighed</dt><dd>signerer også indtil ${dateTime(sub.previousSecretUntil)}</dd>` : ''}</dl>
<p>${sub.status === 'paused' ? action('genoptag', 'Genoptag') : action('pause', 'Sæt på pause')} ${action('skift', 'Skift hemmelighed')} ${action('slet', 'Slet webhook', '', 'danger')}</p>
<h2>Leveringer</h2>
${
  deliveries.length
    ? html`<table><caption>De seneste leveringer, nyeste først</caption><thead><tr><th scope="col">Hændelse</th><th scope="col">Status</th><th scope="col">Forsøg</th><th scope="col">Seneste forsøg</th><th scope="col">Svar eller fejl</th><th scope="col">Handling</th></tr></thead>
<tbody>${deliveries.map(
        (d) =>
          html`<tr><td>${eventLabel(d.eventKind as EventKind)}<br><span class="hint">${d.eventKey}</span></td><td>${d.status === 'pending' && d.lastError ? html`<span class="status err">Fejler, prøves igen</span>` : html`<span class="status${d.status === 'delivered' ? ' ok' : ''}">${DELIVERY_STATUSES[d.status]}</span>`}</td><td>${d.attempts}</td><td>${d.lastAttemptAt ? dateTime(d.lastAttemptAt) : '–'}</td><td>${d.lastError ? bdi(d.lastError) : d.responseStatus ? String(d.responseStatus) : ''}</td>
<td>${d.status === 'delivered' ? action('send-igen', 'Send igen', html`<input type="hidden" name="delivery" value="${d.id}">`) : ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Ingen leveringer endnu: de kommer med de næste hændelser.</p>`
}`,
    };
  };

  router.get(
    WEBHOOKS,
    pageRoute(access, ['secretariat'], ({ caller }) => listPage(caller)),
  );
  router.post(
    WEBHOOKS,
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const b = req.body as Body;
      try {
        const created = await app.createWebhook(
          parseOrThrow(subscriptionBody, { name: one(b.name), url: one(b.url), types: many(b.types) }),
          caller,
        );
        return listPage(caller, { secret: { name: created.name, secret: created.secret } });
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind === 'unavailable') throw err;
        return listPage(caller, { issues: err.issues, message: err.issues.length ? undefined : err.message });
      }
    }),
  );
  router.get(
    `${WEBHOOKS}/:id`,
    pageRoute(access, ['secretariat'], ({ req, caller }) => detailPage(caller, String(req.params.id))),
  );
  router.post(
    `${WEBHOOKS}/:id`,
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const id = String(req.params.id);
      const b = req.body as Body;
      try {
        switch (one(b.handling)) {
          case 'pause':
            await app.pauseWebhook(id, caller);
            return detailPage(caller, id, { message: 'Webhooken er sat på pause' });
          case 'genoptag':
            await app.resumeWebhook(id, caller);
            return detailPage(caller, id, { message: 'Webhooken er genoptaget' });
          case 'skift': {
            const rotated = await app.rotateWebhookSecret(id, caller);
            return detailPage(caller, id, { secret: { name: rotated.name, secret: rotated.secret } });
          }
          case 'slet':
            await app.deleteWebhook(id, caller);
            return listPage(caller, { message: 'Webhooken er slettet' }).then((p) => ({ ...p, status: 200 }));
          case 'send-igen':
            await app.resendWebhookDelivery(id, Number(one(b.delivery)), caller);
            return detailPage(caller, id, { message: 'Leveringen sendes igen' });
          default:
            return detailPage(caller, id, { message: 'Ukendt handling', issues: [] });
        }
      } catch (err) {
        if (!(err instanceof UdmeldError) || err.kind === 'unavailable' || err.kind === 'not_found') throw err;
        return detailPage(caller, id, { message: err.message, issues: err.issues });
      }
    }),
  );
  return router;
}

function statusOf(s: WebhookSubscription): Html {
  return html`<span class="status ${s.status === 'active' ? 'ok' : 'err'}">${WEBHOOK_STATUSES[s.status]}</span>`;
}
