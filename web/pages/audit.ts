// A CU's audit trail as a page: every event with who, what, when and on which municipality, filtered
// by municipality, person or kind of event (a plain GET form), with the same selection as CSV and Excel.
import { Router } from 'express';
import type { AccessOptions } from '../../auth/authenticate';
import type { Udmeld } from '../../app';
import { actorIdentity, actorKey } from '../../domain/actors';
import { auditFilterSchema, type AuditFilter } from '../../domain/audit';
import { municipality } from '../../domain/municipalities';
import { eventLabel } from '../../domain/record';
import { fieldIssues, type FieldIssue } from '../../domain/zod';
import { dateTime, errorSummary, select } from '../components';
import { bdi, html } from '../../domain/html';
import { pageRoute } from '../page-route';

const FIELDS = { kommune: 'municipalityCode', person: 'person', haendelse: 'kind' } as const;

export function auditPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  router.get(
    '/sekretariat/cu/:cuId/revisionsspor',
    pageRoute(access, ['secretariat'], async ({ req, caller }) => {
      const cuId = String(req.params.cuId);
      const state = await app.fullCu(cuId, caller, { answers: false });
      const asked = Object.fromEntries(
        Object.entries(FIELDS).flatMap(([param, key]) =>
          typeof req.query[param] === 'string' && req.query[param] ? [[key, req.query[param]]] : [],
        ),
      );
      const parsed = auditFilterSchema.safeParse(asked);
      const issues: FieldIssue[] = parsed.success
        ? []
        : fieldIssues(parsed.error).map((i) => ({ ...i, path: Object.entries(FIELDS).find(([, key]) => key === i.path)?.[0] ?? i.path }));
      const filter: AuditFilter = parsed.success ? parsed.data : {};
      const all = await app.auditTrail(cuId, {}, caller);
      const shown = await app.auditTrail(cuId, filter, caller);

      const people = new Map(all.map((e) => [actorKey(e.by), e.by]));
      const kinds = [...new Set(all.map((e) => e.kind))];
      const codes = [...new Set(all.flatMap((e) => (e.municipalityCode ? [e.municipalityCode] : [])))].sort((a, b) =>
        municipality(a).name.localeCompare(municipality(b).name, 'da'),
      );
      const query = new URLSearchParams(Object.entries(filter)).toString();
      const suffix = query ? `?${query}` : '';
      return {
        title: `Revisionsspor: ${state.cu.title}`,
        status: issues.length ? 400 : 200,
        body: html`<p><a href="/sekretariat/cu/${cuId}">← ${bdi(state.cu.title)}</a></p>
<h1>Revisionsspor</h1>${errorSummary(issues)}
<p>Hver hændelse i den centrale udmelding: hvem, hvad, hvornår og for hvilken kommune. Sporet gemmes i udmelds database og bevares, efter at forløbet er afsluttet.</p>
<form method="get" class="filters" novalidate>
${select({ path: 'kommune', label: 'Kommune', value: filter.municipalityCode ?? '', options: [['', 'Alle kommuner'], ...codes.map((c): [string, string] => [c, municipality(c).name])], issues })}
${select({ path: 'person', label: 'Udført af', value: filter.person ?? '', options: [['', 'Alle'], ...[...people].map(([key, actor]): [string, string] => [key, actorIdentity(actor) ? `${actor.name} (${actorIdentity(actor)})` : actor.name])], issues })}
${select({ path: 'haendelse', label: 'Hændelse', value: filter.kind ?? '', options: [['', 'Alle hændelser'], ...kinds.map((k): [string, string] => [k, eventLabel(k)])], issues })}
<button type="submit">Vis</button> <a href="/sekretariat/cu/${cuId}/revisionsspor">Nulstil</a>
</form>
<p><a class="button secondary" href="/api/cus/${cuId}/audit.csv${suffix}">Hent som CSV</a> <a class="button secondary" href="/api/cus/${cuId}/audit.xlsx${suffix}">Hent som Excel</a></p>
<table><caption>${shown.length === all.length ? `${all.length} hændelser` : `${shown.length} af ${all.length} hændelser`}</caption>
<thead><tr><th scope="col">Tidspunkt</th><th scope="col">Hændelse</th><th scope="col">Kommune</th><th scope="col">Udført af</th><th scope="col">Bemærkning</th></tr></thead>
<tbody>${shown.map(
          (
            e,
          ) => html`<tr><td>${dateTime(e.at)}</td><th scope="row">${eventLabel(e.kind)}</th><td>${e.municipalityCode ? municipality(e.municipalityCode).name : ''}</td>
<td>${bdi(e.by.name)}${actorIdentity(e.by) ? html`<br><span class="hint">${bdi(actorIdentity(e.by))}</span>` : ''}</td><td>${bdi(e.note ?? '')}</td></tr>`,
        )}</tbody></table>`,
      };
    }),
  );
  return router;
}
