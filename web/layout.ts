import type { Caller } from '../domain/people';
import { ROLE_LABELS } from '../domain/actors';
import { isolated } from '../domain/text';
import { bdi, html, type Html } from '../domain/html';

export interface PageOptions {
  title: string;
  caller?: Caller;
  body: Html;
}

/** Where each role starts: its one page, for the links limited to one CU. */
export function homeOf(caller: Caller): string {
  switch (caller.role) {
    case 'secretariat':
      return '/sekretariat';
    case 'director':
      return '/oversigt';
    case 'municipality':
      return `/kommune/${caller.cu}/${caller.m}`;
    case 'region':
      return `/region/${caller.cu}`;
  }
}

function nav(caller?: Caller): Html {
  if (!caller) return html``;
  const links =
    caller.role === 'secretariat'
      ? [
          ['/sekretariat', 'Centrale udmeldinger'],
          ['/sekretariat/ny', 'Ny runde'],
          ['/sekretariat/skabeloner', 'Skabeloner'],
          ['/sekretariat/tidsplaner', 'Tidsplaner'],
          ['/sekretariat/kontakter', 'Kontaktpersoner'],
          ['/sekretariat/moeder', 'Mødekalender'],
          ['/sekretariat/adgang', 'Adgang'],
          ['/oversigt', 'Overblik'],
          ['/soeg', 'Søg'],
        ]
      : caller.role === 'director'
        ? [
            ['/oversigt', 'Overblik'],
            ['/soeg', 'Søg'],
          ]
        : [[homeOf(caller), caller.role === 'region' ? 'Regionsrådets behandling' : 'Kommunens besvarelse']];
  return html`<nav aria-label="Hovedmenu"><ul>${links.map(([href, text]) => html`<li><a href="${href}">${text}</a></li>`)}</ul></nav>
<div class="who"><a href="/mine-sessioner">${bdi(caller.actor.name)}</a> <span>${ROLE_LABELS[caller.role]}</span>
<form method="post" action="/log-ud"><button type="submit">Log ud</button></form></div>`;
}

export function page({ title, caller, body }: PageOptions): string {
  return `<!doctype html>
${
  html`<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${isolated(title)} – udmeld</title>
<link rel="stylesheet" href="/static/udmeld.css">
<script src="/static/udmeld.js" defer></script>
</head>
<body>
<a class="skip" href="#indhold">Gå til indholdet</a>
<header class="site"><a class="brand" href="/">udmeld</a>${nav(caller)}</header>
<main id="indhold" tabindex="-1">
${body}
</main>
<footer class="site"><a href="/tilgaengelighed">Tilgængelighedserklæring</a></footer>
</body>
</html>`.value
}`;
}
