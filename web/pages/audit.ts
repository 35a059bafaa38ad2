// The audit trails as pages: a CU's (every event with who, what, when and on which municipality) and
// the access trail under Adgang (sign-ins, sessions, people, keys), each filtered by a plain GET form
// (by person and kind of event, and a CU's by municipality), with the same selection as CSV and Excel.
import { Router, type Request } from 'express';
import type { AccessOptions } from '../../auth/authenticate';
import type { Udmeld } from '../../app';
import { actorIdentity, actorKey } from '../../domain/actors';
import { accessFilterSchema, auditFilterSchema } from '../../domain/audit';
import { municipality } from '../../domain/municipalities';
import { eventLabel } from '../../domain/record';
import type { AuditEvent } from '../../domain/views';
import { fieldIssues, z, type FieldIssue } from '../../domain/zod';
import { dateTime, errorSummary, select } from '../components';
import { bdi, html, type Html } from '../../domain/html';
import { pageRoute } from '../page-route';

/** The form's parameter names (Danish, in the address) and the filter's fields they fill. */
const FIELDS = { kommune: 'municipalityCode', person: 'person', haendelse: 'kind' } as const;

/** The filter the page's address asks for, and what is wrong with it (on the form's own fields). */
function filterOf<S extends z.ZodType<Record<string, string | undefined>>>(req: Request, schema: S) {
  const asked = Object.fromEntries(
    Object.entries(FIELDS).flatMap(([param, key]) =>
      typeof req.query[param] === 'string' && req.query[param] ? [[key, req.query[param]]] : [],
    ),
  );
  const parsed = schema.safeParse(asked);
  const issues: FieldIssue[] = parsed.success
    ? []
    : fieldIssues(parsed.error).map((i) => ({ ...i, path: Object.entries(FIELDS).find(([, key]) => key === i.path)?.[0] ?? i.path }));
  return { filter: (parsed.success ? parsed.data : {}) as z.output<S>, issues };
}

interface Trail {
  back: Html;
  heading: string;
  intro: string;
  /** Where the page is, and the CSV and Excel downloads without their extension. */
  path: string;
  downloads: string;
  all: AuditEvent[];
  shown: AuditEvent[];
  filter: Record<string, string | undefined>;
  issues: FieldIssue[];
  /** Whether the events belong to municipalities (a CU's do; the access trail's do not). */
  municipalities: boolean;
}

function trailBody(t: Trail): Html {
  const people = new Map(t.all.map((e) => [actorKey(e.by), e.by]));
  const kinds = [...new Set(t.all.map((e) => e.kind))];
  const codes = [...new Set(t.all.flatMap((e) => (e.municipalityCode ? [e.municipalityCode] : [])))].sort((a, b) =>
    municipality(a).name.localeCompare(municipality(b).name, 'da'),
  );
  const query = new URLSearchParams(Object.entries(t.filter).flatMap(([k, v]): [string, string][] => (v ? [[k, v]] : []))).toString();
  const suffix = query ? `?${query}` : '';
  const { issues } = t;
  return html`<p>${t.back}</p>
<h1>${t.heading}</h1>${errorSummary(issues)}
<p>${t.intro}</p>
<form method="get" class="filters" novalidate>
${t.municipalities ? select({ path: 'kommune', label: 'Kommune', value: t.filter.municipalityCode ?? '', options: [['', 'Alle kommuner'], ...codes.map((c): [string, string] => [c, municipality(c).name])], issues }) : ''}
${select({ path: 'person', label: 'Udført af', value: t.filter.person ?? '', options: [['', 'Alle'], ...[...people].map(([key, actor]): [string, string] => [key, actorIdentity(actor) ? `${actor.name} (${actorIdentity(actor)})` : actor.name])], issues })}
${select({ path: 'haendelse', label: 'Hændelse', value: t.filter.kind ?? '', options: [['', 'Alle hændelser'], ...kinds.map((k): [string, string] => [k, eventLabel(k)])], issues })}
<button type="submit">Vis</button> <a href="${t.path}">Nulstil</a>
</form>
<p><a class="button secondary" href="${t.downloads}.csv${suffix}">Hent som CSV</a> <a class="button secondary" href="${t.downloads}.xlsx${suffix}">Hent som Excel</a></p>
<table><caption>${t.shown.length === t.all.length ? `${t.all.length} hændelser` : `${t.shown.length} af ${t.all.length} hændelser`}</caption>
<thead><tr><th scope="col">Tidspunkt</th><th scope="col">Hændelse</th>${t.municipalities ? html`<th scope="col">Kommune</th>` : ''}<th scope="col">Udført af</th><th scope="col">Bemærkning</th></tr></thead>
<tbody>${t.shown.map(
    (
      e,
    ) => html`<tr><td>${dateTime(e.at)}</td><th scope="row">${eventLabel(e.kind)}</th>${t.municipalities ? html`<td>${e.municipalityCode ? municipality(e.municipalityCode).name : ''}</td>` : ''}
<td>${bdi(e.by.name)}${actorIdentity(e.by) ? html`<br><span class="hint">${bdi(actorIdentity(e.by))}</span>` : ''}</td><td>${bdi(e.note ?? '')}</td></tr>`,
  )}</tbody></table>`;
}

export function auditPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  router.get(
    '/sekretariat/cu/:cuId/revisionsspor',
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const cuId = String(req.params.cuId);
      const state = await app.fullCu(cuId, caller, { answers: false });
      const { filter, issues } = filterOf(req, auditFilterSchema);
      const [all, shown] = await Promise.all([app.auditTrail(cuId, {}, caller), app.auditTrail(cuId, filter, caller)]);
      return {
        title: `Revisionsspor: ${state.cu.title}`,
        status: issues.length ? 400 : 200,
        body: trailBody({
          back: html`<a href="/sekretariat/cu/${cuId}">← ${bdi(state.cu.title)}</a>`,
          heading: 'Revisionsspor',
          intro:
            'Hver hændelse i den centrale udmelding: hvem, hvad, hvornår og for hvilken kommune. Sporet gemmes i udmelds database og bevares, efter at forløbet er afsluttet.',
          path: `/sekretariat/cu/${cuId}/revisionsspor`,
          downloads: `/api/cus/${cuId}/audit`,
          ...{ all, shown, filter, issues },
          municipalities: true,
        }),
      };
    }),
  );
  router.get(
    '/sekretariat/adgang/spor',
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const { filter, issues } = filterOf(req, accessFilterSchema);
      const [all, shown] = await Promise.all([app.accessTrail({}, caller), app.accessTrail(filter, caller)]);
      return {
        title: 'Adgangsspor',
        status: issues.length ? 400 : 200,
        body: trailBody({
          back: html`<a href="/sekretariat/adgang">← Adgang</a>`,
          heading: 'Adgangsspor',
          intro:
            'Hvem loggede ind og ud, hvem afsluttede sessioner, spærrede og genåbnede personer, og hvem oprettede og tilbagekaldte integrationsnøgler. Sporet hører ikke til nogen central udmelding og bevares i udmelds database.',
          path: '/sekretariat/adgang/spor',
          downloads: '/api/access/audit',
          ...{ all, shown, filter, issues },
          municipalities: false,
        }),
      };
    }),
  );
  return router;
}
