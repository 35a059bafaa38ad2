// A readable page of the API, in Danish, made from the same route table as /openapi.json.
import { escapeHtml } from '../domain/html';
import { openApiPath, rolesText } from './openapi';
import type { Route } from './route';

/** Inline (the page stands alone); allowed by its hash in the Content-Security-Policy. */
export const DOCS_STYLE = `
body{font-family:system-ui,Arial,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border:1px solid #8a8a8a;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#eef2f7}code{font-size:.95em}a{color:#0b4f8a}
`;

export function docsPage(routes: Route[]): string {
  const tags = [...new Set(routes.map((r) => r.tag))];
  const section = (tag: string) => `
<h2>${escapeHtml(tag)}</h2>
<table>
<thead><tr><th scope="col">Metode</th><th scope="col">Adresse</th><th scope="col">Hvad</th><th scope="col">Adgang</th></tr></thead>
<tbody>
${routes
  .filter((r) => r.tag === tag)
  .map(
    (r) =>
      `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${escapeHtml(openApiPath(r.path))}</code></td><td>${escapeHtml(r.summary)}${r.idempotent ? ' <small>(Idempotency-Key)</small>' : ''}</td><td>${escapeHtml(rolesText(r))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>udmeld API – dokumentation</title>
<style>${DOCS_STYLE}</style></head>
<body>
<main>
<h1>udmeld API</h1>
<p>Alle forespørgsler kræver en adgangsnøgle (<code>Authorization: Bearer …</code>) fra sekretariatets login eller fra et link i en e-mail.
Fejl returneres som <code>application/problem+json</code> med de fejlbehæftede felter og årsagen. Den maskinlæsbare beskrivelse findes på <a href="/openapi.json">/openapi.json</a>.</p>
${tags.map(section).join('\n')}
</main>
</body>
</html>`;
}
