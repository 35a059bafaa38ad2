// The whole round through the web pages only, in Debian's Chromium: the secretariat launches to three
// municipalities; one contact submits and revises, another is replaced mid-round by a new contact
// who answers, the whole round is extended, the third municipality is late and re-opened after the
// draft went to FU, and its contact answers. Then Syddanmark's approval chain (FU by e-mail, the
// forum returning once, K22, KKR), the councils with the report attached (Regionsrådet through its
// own link), the submission, the audit export naming each person, and a renewal whose round the old
// links lead into. Every page passes axe-core's WCAG 2.1 A/AA check.
import { closedReason, workingDay } from '../../domain/working-days';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate, danishDate } from '../../domain/time';
import { LINK_COOKIE } from '../../auth/authenticate';
import { checked, launchBrowser, newPage as openPage } from '../support/browser';
import { contactOf } from '../../fixtures/round';
import { type ReceivedMail } from '../../fixtures/smtp-server';
import { useSystem } from '../support/system';

const CU = `web-${Date.now().toString(36)}`;
const ODENSE = '0461';
const MIDDELFART = '0410';
const NYBORG = '0450';
const METTE = 'mette@middelfart.test';
const DORTE = 'dorte@forum.test';
let browser: Browser;

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const linkIn = (mail: ReceivedMail) => /https?:\/\/\S+adgang=\S+/.exec(mail.text)![0];
const mail = async (template: string, to: string) => {
  await smtp.waitFor((m) => m.some((x) => x.template === template && x.to.includes(to)));
  return smtp.received.filter((x) => x.template === template && x.to.includes(to)).at(-1)!;
};
const newPage = () => openPage(browser);

async function fillAnswer(page: Page, antal: string) {
  await page.getByLabel('Antal borgere i målgruppen det seneste år').fill(antal);
  await page.getByLabel('Hvordan er borgerne i målgruppen identificeret?').fill('Via myndighedssager og samarbejde med psykiatrien.');
  await page.getByLabel('Tilbud, række 1').fill('Spiseforstyrrelsesklinik Syd');
  await page.getByLabel('Leverandørtype, række 1').selectOption('region');
  await page.getByLabel('Lovgrundlag, fx SEL § 107, række 1').fill('SEL § 107');
  await page.getByLabel('Pladser, række 1').fill('2');
  await page.getByLabel(/Hvordan koordinerer kommunen/).fill('Fælles netværk med regionen.');
  await page.getByLabel('Hvordan vil kommunen tilrettelægge indsatsen fremadrettet?').fill('Tidlig opsporing.');
}

test('a round through the pages, for three roles', async () => {
  const today = copenhagenDate(Date.now());
  const secretariat = await newPage();

  // Sign in.
  await secretariat.goto(`${api.url}/`);
  await expect.poll(() => secretariat.url()).toContain('/login');
  await checked(secretariat, '01-login');
  await secretariat.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await secretariat.waitForURL('**/idp/interaction/**');
  await checked(secretariat, '01-testlogin');
  await secretariat.getByRole('button', { name: 'Sara Sekretariat' }).click();
  await secretariat.waitForURL('**/sekretariat');

  // Contacts for three municipalities.
  await secretariat.goto(`${api.url}/sekretariat/kontakter`);
  for (const [code, name] of [
    [ODENSE, 'Odense'],
    [MIDDELFART, 'Middelfart'],
    [NYBORG, 'Nyborg'],
  ] as const) {
    const row = secretariat.getByRole('row', { name: new RegExp(`^${name}`) });
    await row.locator('summary').click();
    const first = row.getByRole('group', { name: 'Kontaktperson 1' });
    await first.getByLabel('Navn').fill(`Kontakt ${name}`);
    await first.getByLabel('E-mail').fill(contactOf(code));
    await row.getByLabel('Socialdirektørens e-mail').fill(`direktor-${code}@kommune.test`);
    await row.getByRole('button', { name: `Gem ${name}` }).click();
    await expect.poll(() => secretariat.getByRole('status').textContent()).toContain(`Kontaktoplysningerne for ${name} er gemt`);
  }
  await checked(secretariat, '02-kontakter');

  // A member of the directors' forum, who will get her own link.
  await secretariat.goto(`${api.url}/sekretariat/adgang`);
  await secretariat.getByLabel('Navn', { exact: true }).fill('Dorte Direktør');
  await secretariat.getByLabel('E-mail', { exact: true }).fill(DORTE);
  await secretariat.getByRole('button', { name: 'Tilføj medlem' }).click();
  await expect.poll(() => secretariat.getByRole('status').textContent()).toContain('Dorte Direktør er medlem af Socialdirektørforum');
  await checked(secretariat, '02b-adgang');

  // Register the CU; the first attempt misses the title and is told so.
  await secretariat.goto(`${api.url}/sekretariat/ny`);
  await checked(secretariat, '03-ny-central-udmelding');
  await secretariat.getByLabel('Kort id').fill(CU);
  await secretariat.getByLabel('Målgruppe').fill('Borgere med svære spiseforstyrrelser');
  await secretariat.getByLabel('Udmeldt den').fill(today);
  await secretariat.getByLabel('Frist for afrapportering til Social- og Boligstyrelsen').fill(addDays(today, 200));
  await secretariat.getByRole('button', { name: 'Registrér', exact: true }).click();
  await expect(secretariat.getByRole('alert').textContent()).resolves.toContain('Titel');
  await secretariat.getByLabel('Titel').fill('Borgere med svære spiseforstyrrelser');
  await secretariat.getByRole('button', { name: 'Registrér', exact: true }).click();
  await secretariat.waitForURL(`**/sekretariat/cu/${CU}?besked=registreret`);
  await checked(secretariat, '04-udsendelse');

  // Launch for the three municipalities.
  await launchFor(secretariat, [ODENSE, MIDDELFART, NYBORG], addDays(today, 30));
  await checked(secretariat, '05-indberetningstavle');

  // Odense's contact opens the e-mailed link, tries to submit too early, then submits.
  const odense = await newPage();
  const odenseFirstLink = linkIn(await mail('invitation', contactOf(ODENSE)));
  await odense.goto(odenseFirstLink);
  await odense.waitForURL(`**/kommune/${CU}/${ODENSE}`);
  expect(odense.url()).not.toContain('adgang=');
  await checked(odense, '06-kommunens-skema');
  await odense.getByLabel('Antal borgere i målgruppen det seneste år').fill('-3');
  await odense.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await expect(odense.getByRole('alert').textContent()).resolves.toContain('Antallet kan ikke være negativt');
  await checked(odense, '07-kommunens-skema-med-fejl');
  await odense.getByRole('button', { name: 'Gem kladde' }).click();
  await expect(odense.getByRole('alert').textContent()).resolves.toContain('Antallet kan ikke være negativt');
  await fillAnswer(odense, '3');
  await odense.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await odense.waitForURL('**indsendt=1');
  await expect(odense.getByText('Tak – besvarelsen er modtaget.').count()).resolves.toBe(1);
  await checked(odense, '08-kvittering');

  // The secretariat's board updates by itself; it asks Odense to revise.
  await secretariat
    .getByRole('row', { name: /^Odense/ })
    .getByText('Indsendt')
    .waitFor({ timeout: 15_000 });
  const row = secretariat.getByRole('row', { name: /^Odense/ });
  await row.getByText('Handlinger').click();
  await row.getByText('Bed om revision').click();
  await row.getByLabel('Hvad skal rettes?').fill('Oplys også antallet for 2025.');
  await row.getByRole('button', { name: 'Send til kommunen' }).click();
  await secretariat.waitForURL('**besked=revision');

  await odense.goto(`${api.url}/kommune/${CU}/${ODENSE}`);
  await expect(odense.getByText('Oplys også antallet for 2025.').count()).resolves.toBe(1);
  await odense.getByLabel('Antal borgere i målgruppen det seneste år').fill('5');
  await odense.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await odense.waitForURL('**indsendt=1');

  // Middelfart's contact is replaced mid-round: the new one is invited, the old one's link stops working.
  const formerLink = linkIn(await mail('invitation', contactOf(MIDDELFART)));
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  const middelfartRow = () => secretariat.getByRole('row', { name: /^Middelfart/ });
  await middelfartRow().getByText('Handlinger').click();
  await middelfartRow().getByText('Skift kontaktpersoner').click();
  await middelfartRow().getByRole('group', { name: 'Kontaktperson 1' }).getByLabel('Navn').fill('Mette Middelfart');
  await middelfartRow().getByRole('group', { name: 'Kontaktperson 1' }).getByLabel('E-mail').fill(METTE);
  await middelfartRow().getByRole('button', { name: 'Gem kontaktpersoner' }).click();
  await expect.poll(() => secretariat.getByRole('status').first().textContent()).toContain('Kontaktpersonerne er skiftet');
  const former = await newPage();
  // At once: every request checks the revocations in the record.
  await former.goto(formerLink);
  await expect(former.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Linket virker ikke længere');
  await checked(former, '08b-link-tilbagekaldt');

  // The whole round is extended: every municipality still owing an answer gets the new deadline.
  await secretariat.getByText('Forlæng fristen for alle kommuner').click();
  await secretariat.getByLabel('Ny frist for kommunerne').fill(addDays(today, 45));
  await secretariat.locator('#felt-runde-reason').fill('Kommunerne har bedt om mere tid');
  await secretariat.getByRole('button', { name: 'Forlæng for alle' }).click();
  await expect.poll(() => secretariat.getByRole('status').first().textContent()).toContain('Hele indberetningen er forlænget');
  expect((await mail('deadline_extended', contactOf(NYBORG))).text).toContain(danishDate(addDays(today, 45)));

  // Middelfart's new contact adds a second service row and submits.
  const middelfart = await newPage();
  await middelfart.goto(linkIn(await mail('invitation', METTE)));
  await fillAnswer(middelfart, '12');
  await middelfart.getByRole('button', { name: 'Tilføj række' }).click();
  await middelfart.getByLabel('Tilbud, række 2').fill('Botilbud Fyn');
  await middelfart.getByLabel('Leverandørtype, række 2').selectOption('anden_kommune');
  await middelfart.getByLabel('Lovgrundlag, fx SEL § 107, række 2').fill('SEL § 108');
  await middelfart.getByLabel('Pladser, række 2').fill('1');
  await middelfart.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await middelfart.waitForURL('**indsendt=1');

  // Nyborg has not answered; the secretariat closes the round, drafts the report and sends it to FU.
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  await secretariat
    .getByRole('row', { name: /^Middelfart/ })
    .getByText('Indsendt')
    .waitFor({ timeout: 15_000 });
  await secretariat.getByRole('button', { name: 'Luk indberetningen nu' }).click();
  await expect
    .poll(async () => (await secretariat.reload(), secretariat.getByLabel('Sammenfatning: Målgruppen').count()), { timeout: 20_000 })
    .toBe(1);
  await secretariat.getByLabel('Sammenfatning: Målgruppen').fill('Målgruppen er lille, men stabil.');
  await checked(secretariat, '09-afrapportering');
  await secretariat.getByRole('button', { name: 'Gem og send til Forretningsudvalget' }).click();
  await secretariat.waitForURL('**besked=godkendelse');

  // Nyborg's answer comes late, while the draft is with FU: re-opened, the draft comes back and FU is told.
  const nyborgRow = () => secretariat.getByRole('row', { name: /^Nyborg/ });
  await nyborgRow().getByText('Genåbn for sent svar').click();
  await expect(nyborgRow().textContent()).resolves.toContain('Udkastet trækkes tilbage fra Forretningsudvalget');
  await nyborgRow().getByLabel('Begrundelse').fill('Nyborg har sendt tallene');
  await nyborgRow().getByRole('button', { name: 'Genåbn' }).click();
  await expect.poll(() => secretariat.getByRole('status').first().textContent()).toContain('Kommunen er genåbnet');
  await checked(secretariat, '09b-genaabnet-fra-fu');
  expect((await mail('approval_withdrawn', DORTE)).text).toContain('Nyborg Kommune genåbnes: Nyborg har sendt tallene');
  const nyborg = await newPage();
  await nyborg.goto(linkIn(await mail('reopened', contactOf(NYBORG))));
  await nyborg.waitForURL(`**/kommune/${CU}/${NYBORG}`);
  await fillAnswer(nyborg, '4');
  await nyborg.getByRole('button', { name: 'Indsend besvarelse' }).click();
  await nyborg.waitForURL('**indsendt=1');
  // The report is aggregated again with Nyborg's answer, and goes to FU anew.
  // (Until the re-opened municipality's part has closed, sending is refused with a notice; then it goes.)
  await expect
    .poll(
      async () => {
        await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
        if (!/3 af 3 kommuner har indberettet/.test((await secretariat.locator('main').textContent()) ?? '')) return false;
        await secretariat.getByRole('button', { name: 'Gem og send til Forretningsudvalget' }).click();
        await secretariat.waitForLoadState();
        return secretariat.url().includes('besked=godkendelse');
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  // Syddanmark's chain: Forretningsudvalget first; Dorte (a member) records its decision, taken by e-mail.
  const director = await newPage();
  await director.goto(linkIn(await mail('approval_request', DORTE)));
  await director.waitForURL(`**/oversigt/cu/${CU}`);
  await checked(director, '10a-forretningsudvalget');
  await director.getByLabel('Truffet').selectOption('email');
  await director.getByLabel('Bemærkninger').fill('Indstilles til godkendelse.');
  await director.getByRole('button', { name: 'Registrér Forretningsudvalgets beslutning' }).click();
  await director.waitForURL('**besluttet=1');

  // The forum returns the draft once; the secretariat revises it and sends it through FU again.
  await director.goto(linkIn(await mail('forum_review', DORTE)));
  await director.waitForURL(`**/oversigt/cu/${CU}`);
  await checked(director, '10-direktoer-godkendelse');
  await director.getByLabel('Beslutning', { exact: true }).selectOption('returned');
  await director.getByLabel('Bemærkninger').fill('Uddyb samarbejdet med psykiatrien.');
  await director.getByRole('button', { name: 'Registrér Socialdirektørforums beslutning' }).click();
  await director.waitForURL('**besluttet=1');
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  await expect(secretariat.getByText('Sendt retur af Socialdirektørforum:').count()).resolves.toBe(1);
  await secretariat
    .getByLabel('Sammenfatning: Koordinering og samarbejde')
    .fill('Fælles netværk med psykiatrien og faste tværfaglige møder.');
  await secretariat.getByRole('button', { name: 'Gem og send til Forretningsudvalget' }).click();
  await secretariat.waitForURL('**besked=godkendelse');
  await secretariat.getByRole('button', { name: 'Registrér Forretningsudvalgets beslutning' }).click();
  await secretariat.waitForURL('**besked=trin');

  // The directors follow the overview and approve.
  await director.goto(`${api.url}/oversigt`);
  await expect(director.getByRole('link', { name: 'Borgere med svære spiseforstyrrelser' }).count()).resolves.toBeGreaterThan(0);
  // Each running CU as a timeline: phases done, now and next, with the same dates in a table.
  const bar = director.getByRole('img', { name: 'Tidslinje for Borgere med svære spiseforstyrrelser' });
  await expect(bar.locator('rect.seg.done').count()).resolves.toBeGreaterThan(0);
  await expect(bar.locator('rect.seg.now').count()).resolves.toBe(1);
  await expect(bar.locator('rect.seg.next').count()).resolves.toBeGreaterThan(0);
  await director.getByText('Tidslinjen som tabel').first().click();
  await expect(
    director.getByRole('table', { name: /Borgere med svære spiseforstyrrelser: faser og frister/ }).textContent(),
  ).resolves.toMatch(/Indberetning[\s\S]*Afsluttet[\s\S]*Socialdirektørforum[\s\S]*I gang[\s\S]*K22[\s\S]*Forventet[\s\S]*National frist/);
  await checked(director, '11-overblik');
  await director.goto(`${api.url}/oversigt/cu/${CU}`);
  await director.getByLabel('Beslutning', { exact: true }).selectOption('approved');
  await director.getByRole('button', { name: 'Registrér Socialdirektørforums beslutning' }).click();
  await director.waitForURL('**besluttet=1');

  // K22, recorded by the secretariat; a return needs its reason.
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  await secretariat.getByLabel('Beslutning', { exact: true }).selectOption('returned');
  await secretariat.getByRole('button', { name: 'Registrér K22’s beslutning' }).click();
  await expect(secretariat.getByRole('alert').textContent()).resolves.toContain('Skriv hvorfor rapporten sendes retur');
  await checked(secretariat, '12a-k22-fejl');
  await secretariat.getByLabel('Beslutning', { exact: true }).selectOption('approved');
  await secretariat.getByRole('button', { name: 'Registrér K22’s beslutning' }).click();
  await secretariat.waitForURL('**besked=trin');
  await checked(secretariat, '12b-kkr');

  // KKR, then the councils: Odense's contact records its own; the secretariat the others.
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  await secretariat.getByLabel('Frist for kommunalbestyrelserne og Regionsrådet').fill(addDays(today, 40));
  await secretariat.getByRole('button', { name: 'Registrér KKR’s beslutning' }).click();
  await secretariat.waitForURL('**besked=trin');
  // Each council gets the approved report, protected, attached and on its municipality's page.
  const councilRequest = await mail('council_request', contactOf(ODENSE));
  expect(councilRequest.attachments.map((a) => a.filename)).toEqual([`afrapportering-${CU}.docx`, 'frist.ics']);
  await odense.goto(`${api.url}/kommune/${CU}/${ODENSE}`);
  const [report] = await Promise.all([
    odense.waitForEvent('download'),
    odense.getByRole('link', { name: 'Hent den godkendte afrapportering (Word)' }).click(),
  ]);
  expect(report.suggestedFilename()).toBe(`afrapportering-${CU}.docx`);
  await odense.getByLabel('Beslutning').selectOption('approved');
  await odense.getByRole('button', { name: 'Registrér beslutningen' }).click();
  await odense.waitForURL('**raad=1');
  await checked(odense, '12-byraadets-beslutning');
  // Regionsrådet's contact records the regional council's decision through its own link.
  const regionRequest = await mail('council_request', h.config.addresses.region);
  expect(regionRequest.attachments.map((a) => a.filename)).toEqual([`afrapportering-${CU}.docx`, 'frist.ics']);
  const region = await newPage();
  await region.goto(linkIn(regionRequest));
  await region.waitForURL(`**/region/${CU}`);
  await checked(region, '12c-regionsraadet');
  await region.getByLabel('Mødedato').fill('');
  await region.getByRole('button', { name: 'Registrér beslutningen' }).click();
  await expect(region.getByRole('alert').textContent()).resolves.toContain('Mødedato');
  await region.getByLabel('Beslutning').selectOption('approved_with_remarks');
  await region.getByLabel('Mødedato').fill(today);
  await region.getByLabel('Bemærkninger').fill('Regionsrådet ønsker en status om et år.');
  await region.getByRole('button', { name: 'Registrér beslutningen' }).click();
  await region.waitForURL('**raad=1');
  await expect(region.locator('main').textContent()).resolves.toContain('Regionsrådet ønsker en status om et år.');
  await checked(region, '12d-regionsraadets-beslutning');
  // The region's link reaches its own council's report, not a municipality's.
  const regionToken = { authorization: `Bearer ${await linkTokenOf(region)}` };
  expect((await fetch(`${api.url}/api/cus/${CU}/councils/region/report.docx`, { headers: regionToken })).status).toBe(200);
  expect((await fetch(`${api.url}/api/cus/${CU}/councils/${ODENSE}/report.docx`, { headers: regionToken })).status).toBe(403);

  for (const name of ['Middelfart Kommunes kommunalbestyrelse', 'Nyborg Kommunes kommunalbestyrelse']) {
    const council = secretariat.getByRole('row', { name: new RegExp(`^${name}`) });
    await council.locator('summary').click();
    await council.getByRole('button', { name: 'Registrér' }).click();
    await secretariat
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .getByText(/^Godkendt/)
      .waitFor();
  }
  await checked(secretariat, '13-politisk-behandling');

  // Submission.
  await expect
    .poll(
      async () => (await secretariat.reload(), secretariat.getByRole('button', { name: 'Indsend til Social- og Boligstyrelsen' }).count()),
      { timeout: 20_000 },
    )
    .toBe(1);
  await secretariat.getByRole('button', { name: 'Indsend til Social- og Boligstyrelsen' }).click();
  await secretariat.waitForURL('**besked=indsendt');
  await expect
    .poll(
      async () => (await secretariat.reload(), secretariat.getByText(`til ${h.config.addresses.nationalBoard}`, { exact: false }).count()),
      { timeout: 20_000 },
    )
    .toBe(1);
  await checked(secretariat, '14-indsendt');
  const submission = await mail('submission', h.config.addresses.nationalBoard);
  expect(submission.attachments[0]!.filename).toBe(`afrapportering-${CU}.docx`);

  // The audit export names the person behind each step of the chain.
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}/revisionsspor`);
  await checked(secretariat, '14b-revisionsspor');
  const [download] = await Promise.all([
    secretariat.waitForEvent('download'),
    secretariat.getByRole('link', { name: 'Hent som CSV' }).click(),
  ]);
  const rows = readFileSync(await download.path(), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.split(';'));
  const who = (event: string) => rows.filter((r) => r[1] === event).map((r) => r[3]);
  expect(who('Forretningsudvalgets beslutning')).toEqual(['Dorte Direktør', 'Sara Sekretariat']);
  expect(who('Socialdirektørforums beslutning')).toEqual(['Dorte Direktør', 'Dorte Direktør']);
  expect(who('K22’s beslutning')).toEqual(['Sara Sekretariat']);
  expect(who('KKR’s beslutning')).toEqual(['Sara Sekretariat']);
  expect(who('Kontaktpersoner ændret')).toEqual(['Sara Sekretariat']);
  expect(who('Hele indberetningen forlænget')).toEqual(['Sara Sekretariat']);
  expect(who('Kommune genåbnet')).toEqual(['Sara Sekretariat']);
  expect(who('Politisk beslutning').sort()).toEqual([
    'Kontakt Odense',
    'Regionsrådet, Region Syddanmark',
    'Sara Sekretariat',
    'Sara Sekretariat',
  ]);
  expect(who('Besvarelse indsendt')).toContain('Mette Middelfart');
  expect(rows.find((r) => r[1] === 'Forretningsudvalgets beslutning')![6]).toMatch(/pr\. e-mail mellem møderne/);

  // Renewed treatment from the page: a new CU linked to this one; the municipality's old page says so.
  await secretariat.goto(`${api.url}/sekretariat/cu/${CU}`);
  await secretariat.locator('summary', { hasText: 'Start fornyet behandling' }).click();
  await secretariat.getByRole('button', { name: 'Start fornyet behandling' }).click();
  await expect(secretariat.getByRole('alert').textContent()).resolves.toContain('Skriv en begrundelse');
  await secretariat.getByLabel('Begrundelse').fill('Styrelsen har bedt om en fornyet behandling.');
  await secretariat.getByRole('button', { name: 'Start fornyet behandling' }).click();
  await secretariat.waitForURL(`**/sekretariat/cu/${CU}-fb1?besked=fornyet`);
  await expect(secretariat.getByRole('link', { name: CU, exact: true }).count()).resolves.toBe(1);
  await checked(secretariat, '14c-fornyet-behandling');
  await odense.goto(`${api.url}/kommune/${CU}/${ODENSE}`);
  await expect(odense.getByText('Udmeldingen er sendt til fornyet behandling.').count()).resolves.toBe(1);
  // Once the renewal's round is out, Odense's very first link leads into it.
  await launchFor(secretariat, [ODENSE], addDays(today, 60));
  await odense.goto(odenseFirstLink);
  await odense.waitForURL(`**/kommune/${CU}-fb1/${ODENSE}?fra=tidligere`);
  await expect(odense.getByText('Linket var til den tidligere behandling af udmeldingen.').count()).resolves.toBe(1);
  await checked(odense, '14d-videre-til-fornyet-behandling');

  // The report page itself.
  await secretariat.goto(`${api.url}/api/cus/${CU}/report.html`);
  await expect(secretariat.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
    'Afrapportering: Borgere med svære spiseforstyrrelser',
  );
  await expect(secretariat.getByText(danishDate(addDays(today, 200))).count()).resolves.toBeGreaterThan(0);
  await checked(secretariat, '15-rapport');
}, 480_000);

async function launchFor(secretariat: Page, codes: string[], deadline: string) {
  for (const box of await secretariat.locator('input[type=checkbox]').all()) {
    const id = await box.getAttribute('id');
    if (!codes.some((code) => id?.endsWith(code))) await box.uncheck();
  }
  // The timeline before launch: each reminder on the day it will go out, and whether the national deadline holds.
  await secretariat.getByLabel('Kommunernes frist').fill(deadline);
  await secretariat.getByRole('button', { name: 'Vis tidsplan' }).click();
  const timeline = secretariat.getByRole('table', { name: 'Indberetningen' });
  await expect(timeline.textContent()).resolves.toMatch(
    /Invitationer sendes[\s\S]*Påmindelse[\s\S]*Kommunernes frist[\s\S]*Indberetningen lukker/,
  );
  // Then the chain, each step without a calendar decided when its first reminder would go, the councils and the submission.
  await expect(secretariat.getByRole('table', { name: /^Godkendelse/ }).textContent()).resolves.toMatch(
    /Sendes til Forretningsudvalget[\s\S]*Sendes til KKR[\s\S]*Sidste politiske behandling[\s\S]*indsendes til Social- og Boligstyrelsen/,
  );
  await expect(secretariat.getByRole('img', { name: /^Tidslinje: indberetning, godkendelse og indsendelse/ }).count()).resolves.toBe(1);
  // Changing a value shows the timeline again, without the button.
  const later = workingDay(addDays(deadline, 7), 1);
  await secretariat.getByLabel('Kommunernes frist').fill(later);
  await secretariat.getByLabel('Kommunernes frist').dispatchEvent('change');
  await expect
    .poll(() => secretariat.getByRole('table', { name: 'Indberetningen' }).textContent(), { timeout: 10_000 })
    .toContain(`${danishDate(later)}Kommunernes frist`);
  await expect(secretariat.getByText(/Den nationale frist holder/).count()).resolves.toBe(1);
  await checked(secretariat, '04b-tidsplan');
  // A Saturday is flagged, with the next working day offered.
  let saturday = deadline;
  while (closedReason(saturday) !== 'lørdag') saturday = addDays(saturday, 1);
  await secretariat.getByLabel('Kommunernes frist').fill(saturday);
  await secretariat.getByRole('button', { name: 'Send ud til kommunerne' }).click();
  await expect(secretariat.locator('#fejl').textContent()).resolves.toMatch(/en lørdag, ikke en arbejdsdag\. Næste arbejdsdag er mandag/);
  await secretariat.getByLabel('Kommunernes frist').fill(deadline);
  if (closedReason(deadline)) await secretariat.getByLabel('Behold fristen, også hvis den ikke er en arbejdsdag').check();
  await secretariat.getByRole('button', { name: 'Send ud til kommunerne' }).click();
  await secretariat.waitForURL('**besked=udsendt');
}

async function linkTokenOf(page: Page): Promise<string> {
  return decodeURIComponent((await page.context().cookies()).find((c) => c.name === LINK_COOKIE)!.value);
}
