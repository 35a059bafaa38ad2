// The accessibility statement (tilgængelighedserklæring) the Danish web accessibility act requires
// of public bodies' sites: open to everyone, linked from every page's footer.
import { Router } from 'express';
import type { Config } from '../../config';
import { html } from '../../domain/html';
import { page } from '../layout';

/** When the statement was last reviewed against the pages (change it with the text). */
export const STATEMENT_REVIEWED = '2026-11-29';

export function accessibilityPages(config: Config): Router {
  const router = Router();
  const contact = config.addresses.secretariat;
  router.get('/tilgaengelighed', (_req, res) => {
    res.type('html').send(
      page({
        title: 'Tilgængelighedserklæring',
        body: html`<h1>Tilgængelighedserklæring for udmeld</h1>
<p>Denne erklæring gælder udmeld på ${new URL(config.http.publicUrl).host}: siderne for sekretariatet, kommunernes kontaktpersoner og direktørerne, og de dokumenter udmeld danner (afrapportering i Word og HTML, besvarelser i Excel og CSV, e-mails).</p>
<p>Sekretariatet, der driver udmeld, er forpligtet til at gøre sine websteder tilgængelige efter lov om tilgængelighed af offentlige organers websteder og mobilapplikationer (lov nr. 692 af 8. juni 2018), som gennemfører webtilgængelighedsdirektivet (EU) 2016/2102. Kravene er standarden EN 301 549, der henviser til WCAG 2.1 niveau AA.</p>

<h2>Overensstemmelse</h2>
<p>udmeld er <strong>delvist i overensstemmelse</strong> med WCAG 2.1 niveau AA. Siderne er bygget til at kunne bruges med tastatur alene og med skærmlæser, og alle formularer virker uden JavaScript.</p>

<h2>Sådan er siderne testet</h2>
<ul>
<li>Hver side i en hel indberetningsrunde testes automatisk i en browser med axe-core mod WCAG 2.1 A og AA, hver gang koden ændres. Testen kræver nul fejl.</li>
<li>Fejl i formularer vises i en opsummering øverst med link til feltet, og ved feltet selv; felter har synlige etiketter og hjælpetekster, der læses op.</li>
<li>Brugernes egne tekster (navne, titler, svar) vises isoleret, så tekst fra højre mod venstre ikke forvrænger siden.</li>
</ul>

<h2>Indhold, der ikke er tilgængeligt</h2>
<ul>
<li>Siderne er ikke gennemgået manuelt med skærmlæser og tastatur af en uafhængig tilgængelighedsrevisor. Automatiske test finder kun en del af de mulige problemer.</li>
<li>Word-dokumenterne har overskrifter og tabeller med overskriftsrækker, men er ikke kontrolleret med en PDF- eller Word-tilgængelighedskontrol. Excel- og CSV-filerne er data til videre bearbejdning.</li>
<li>Temporals eget administrationsværktøj (Temporal Web UI), som kun driftspersonale bruger, er ikke en del af udmeld og er ikke testet.</li>
</ul>

<h2>Feedback og kontakt</h2>
<p>Oplever du problemer med tilgængeligheden, eller har du brug for indholdet i en anden form, så skriv til sekretariatet: <a href="mailto:${contact}">${contact}</a>. Skriv, hvilken side eller hvilket dokument det drejer sig om.</p>

<h2>Håndhævelse</h2>
<p>Digitaliseringsstyrelsen fører tilsyn med, at offentlige organer overholder loven. Er du utilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen via <a href="https://www.was.digst.dk/">was.digst.dk</a>.</p>

<h2>Om erklæringen</h2>
<p>Erklæringen er senest gennemgået den ${new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(new Date(`${STATEMENT_REVIEWED}T12:00:00Z`))}.</p>`,
      }),
    );
  });
  return router;
}
