// The secretariat's everyday tools in Debian's Chromium, each page checked with axe-core: the
// accessibility statement, the contact register of any region (several contacts, a CSV import that
// takes all of a file or nothing, in Excel's Windows character set), a round extended for every
// municipality at once and the national deadline moved, and the audit trail filtered and exported.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, copenhagenDate, danishDate } from '../../domain/time';
import { ADDRESSES, AS_SECRETARIAT, startCu } from '../../fixtures/round';
import { checked, launchBrowser, newPage } from '../support/browser';
import { useSystem } from '../support/system';

const CU = `vaerktoej-${Date.now().toString(36)}`;
const today = copenhagenDate(Date.now());
let browser: Browser;
let page: Page;

const { h, smtp, api } = useSystem({ smtp: true, api: true });

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(`${api.url}/login`);
  await page.getByRole('button', { name: 'Log ind med udmelds lokale testlogin' }).click();
  await page.getByRole('button', { name: 'Simon Sekretariat' }).click();
  await page.waitForURL('**/sekretariat');
});
afterAll(async () => {
  await browser?.close();
});

const flash = () => page.getByRole('status').first().textContent();

test('the accessibility statement is one link away on every page, and open to everyone', async () => {
  await page.getByRole('link', { name: 'Tilgængelighedserklæring' }).click();
  await page.waitForURL('**/tilgaengelighed');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Tilgængelighedserklæring for udmeld');
  await expect(page.locator('main').textContent()).resolves.toMatch(/WCAG 2\.1 niveau AA[\s\S]*Digitaliseringsstyrelsen/);
  await checked(page, '20-tilgaengelighed');
  const anonymous = await fetch(`${api.url}/tilgaengelighed`);
  expect(anonymous.status).toBe(200);
});

test('the contact register of another region takes several contacts for a municipality, and says what is wrong', async () => {
  await page.goto(`${api.url}/sekretariat/kontakter`);
  await page.getByRole('navigation', { name: 'Regioner' }).getByRole('link', { name: 'Region Hovedstaden' }).click();
  await page.waitForURL('**/sekretariat/kontakter?region=1084');
  await checked(page, '21-kontakter-hovedstaden');
  const row = () => page.getByRole('row', { name: /^Frederiksberg/ });
  await row().locator('summary').click();
  await row().getByRole('group', { name: 'Kontaktperson 1' }).getByLabel('Navn').fill('Freja Frederiksen');
  await row().getByRole('group', { name: 'Kontaktperson 1' }).getByLabel('E-mail').fill('freja@frederiksberg.dk');
  await row()
    .getByRole('group', { name: /Kontaktperson 2/ })
    .getByLabel('Navn')
    .fill('Gustav Gram');
  await row()
    .getByRole('group', { name: /Kontaktperson 2/ })
    .getByLabel('E-mail')
    .fill('ikke en adresse');
  await row().getByLabel('Socialdirektørens e-mail').fill('direktor@frederiksberg.dk');
  await row().getByRole('button', { name: 'Gem Frederiksberg' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/e-mail/i);
  await checked(page, '22-kontakter-fejl');
  await row()
    .getByRole('group', { name: /Kontaktperson 2/ })
    .getByLabel('E-mail')
    .fill('gustav@frederiksberg.dk');
  await row().getByRole('button', { name: 'Gem Frederiksberg' }).click();
  await expect.poll(flash).toContain('Kontaktoplysningerne for Frederiksberg er gemt');
  expect(page.url()).toContain('region=1084');
  expect((await h.udmeld.contacts(AS_SECRETARIAT))['0147']?.contacts.map((c) => c.name)).toEqual(['Freja Frederiksen', 'Gustav Gram']);
});

test('a CSV file from Excel fills the register; a file with an error changes nothing', async () => {
  await page.goto(`${api.url}/sekretariat/kontakter?region=1083`);
  const upload = async (name: string, text: string, encoding: 'utf8' | 'latin1') => {
    await page.getByLabel('CSV-fil').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, encoding) });
    await page.getByRole('button', { name: /Indlæs kontaktpersoner/ }).click();
  };
  const rows = [
    'Kommunekode;Kommune;Navn;E-mail;Socialdirektør',
    '0461;Odense;Søren Ødegård;soeren@odense.dk;direktor@odense.dk',
    '0461;Odense;Åse Æbelø;aase@odense.dk;',
    '0410;Middelfart;Mette Mørk;mette@middelfart.dk;direktor@middelfart.dk',
    '0420;Assens;Anders Ås;anders@assens.dk;direktor@assens.dk',
  ];

  await upload('forkert.csv', [...rows, '0430;Faaborg-Midtfyn;Bent;ikke-en-adresse;direktor@fmk.dk'].join('\r\n'), 'latin1');
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Linje 6: Faaborg-Midtfyn: kontaktperson 1, e-mail/);
  await checked(page, '23-kontakter-import-fejl');
  expect((await h.udmeld.contacts(AS_SECRETARIAT))['0461']).toBeUndefined();

  await upload('kontakter.csv', rows.join('\r\n'), 'latin1'); // Windows-1252, as Danish Excel saves "CSV (semikolonsepareret)"
  await expect.poll(flash).toContain('3 kommuner opdateret');
  await checked(page, '24-kontakter-importeret');
  const odense = page.getByRole('row', { name: /^Odense/ });
  await expect(odense.textContent()).resolves.toMatch(/Søren Ødegård[\s\S]*Åse Æbelø/);
  const trail = await h.db
    .selectFrom('audit_event')
    .select(['kind', 'note'])
    .where('municipality_code', '=', '0461')
    .where('kind', '=', 'contacts_changed')
    .execute();
  expect(trail).toHaveLength(1);
  expect(trail[0]!.note).toMatch(/^Indlæst fra CSV: Søren Ødegård <soeren@odense.dk>, Åse Æbelø/);
});

test('the whole round extended at once and the national deadline moved, from the CU page', async () => {
  const deadline = addDays(today, 30);
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 90) }), AS_SECRETARIAT);
  await h.udmeld.launchRound(CU, { municipalities: ['0461', '0410', '0420'], deadline, addresses: ADDRESSES }, AS_SECRETARIAT);
  await smtp.waitFor((m) => m.filter((x) => x.template === 'invitation' && x.text.includes(CU)).length === 4); // Odense has two contacts

  await page.goto(`${api.url}/sekretariat/cu/${CU}`);
  // The running round's timeline, and the one a longer deadline would give, before it is granted.
  await expect(page.getByRole('img', { name: /^Tidslinje for / }).count()).resolves.toBe(1);
  await page.getByText('Forlæng fristen for alle kommuner').click();
  await page.getByLabel('Ny frist for kommunerne').fill(addDays(today, 120));
  await page.getByRole('button', { name: 'Vis tidsplan med den nye frist' }).click();
  await expect(page.getByRole('heading', { name: 'Tidsplan, hvis fristen forlænges' }).count()).resolves.toBe(1);
  await expect(page.getByRole('table', { name: 'Indberetningen' }).textContent()).resolves.toMatch(
    /Den nye frist meddeles[\s\S]*Kommunernes frist/,
  );
  await expect(page.getByText(/Den nationale frist holder ikke/).count()).resolves.toBe(1);
  await checked(page, '25a-forlaeng-tidsplan');
  expect(await page.getByLabel('Ny frist for kommunerne').inputValue()).toBe(addDays(today, 120));
  await page.getByRole('button', { name: 'Forlæng for alle' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Skriv en begrundelse');
  await checked(page, '25-forlaeng-runde-fejl');
  expect(await page.getByLabel('Ny frist for kommunerne').inputValue()).toBe(addDays(today, 120)); // nothing typed is lost
  await page.locator('#felt-runde-reason').fill('Sommerferie');
  await page.getByRole('button', { name: 'Forlæng for alle' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'national' }).textContent()).resolves.toContain(
    'Kommunernes frist skal ligge før den nationale frist',
  );

  await page.getByText('Flyt den nationale frist').click();
  await page.getByLabel('Ny national frist').fill(addDays(today, 150));
  await page.locator('#felt-national-reason').fill('Styrelsen har udsat fristen');
  await page.getByRole('button', { name: 'Flyt fristen' }).click();
  await expect.poll(flash).toContain('Den nationale frist er flyttet');

  await page.getByText('Forlæng fristen for alle kommuner').click();
  await page.getByLabel('Ny frist for kommunerne').fill(addDays(today, 120));
  await page.locator('#felt-runde-reason').fill('Sommerferie');
  await page.getByRole('button', { name: 'Forlæng for alle' }).click();
  await expect.poll(flash).toContain('Hele indberetningen er forlænget');
  await checked(page, '26-forlaenget');
  await smtp.waitFor((m) => m.filter((x) => x.template === 'deadline_extended' && x.text.includes(CU)).length === 4);
});

test("a municipality's contact replaced from the round board: the new one is invited", async () => {
  await page.goto(`${api.url}/sekretariat/cu/${CU}`);
  const row = page.getByRole('row', { name: /^Assens/ });
  await row.getByText('Handlinger').click();
  await row.getByText('Skift kontaktpersoner').click();
  const first = row.getByRole('group', { name: 'Kontaktperson 1' });
  await first.getByLabel('Navn').fill('Asta Assensen');
  await first.getByLabel('E-mail').fill('asta@assens');
  await row.getByRole('button', { name: 'Gem kontaktpersoner' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/e-mail/i);
  await checked(page, '26b-kontakt-skift-fejl');
  await page
    .getByRole('row', { name: /^Assens/ })
    .getByRole('group', { name: 'Kontaktperson 1' })
    .getByLabel('E-mail')
    .fill('asta@assens.dk');
  await page
    .getByRole('row', { name: /^Assens/ })
    .getByRole('button', { name: 'Gem kontaktpersoner' })
    .click();
  await expect.poll(flash).toContain('Kontaktpersonerne er skiftet');
  await smtp.waitFor((m) => m.some((x) => x.template === 'invitation' && x.to.includes('asta@assens.dk')));
});

test('the audit trail as a page, filtered by kind and person, and as Excel with the same filter', async () => {
  await page.goto(`${api.url}/sekretariat/cu/${CU}`);
  await page.getByRole('link', { name: 'Revisionsspor' }).click();
  await page.waitForURL(`**/sekretariat/cu/${CU}/revisionsspor`);
  await checked(page, '27-revisionsspor');
  await page.getByLabel('Hændelse').selectOption({ label: 'Frist forlænget' });
  await page.getByLabel('Udført af').selectOption({ label: 'Simon Sekretariat (simon@sekretariat.udmeld.invalid)' });
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page.locator('caption').textContent()).resolves.toMatch(/^3 af \d+ hændelser$/);
  await expect(page.locator('tbody').textContent()).resolves.toMatch(/Assens[\s\S]*Hele indberetningen: Sommerferie/);
  await checked(page, '28-revisionsspor-filtreret');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som Excel' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const rows = (workbook.getWorksheet('Revisionsspor')!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
  expect(rows).toHaveLength(3);
  expect(rows.every((r) => r[1] === 'Frist forlænget' && r[3] === 'Simon Sekretariat')).toBe(true);

  await page.goto(`${api.url}/sekretariat/cu/${CU}/revisionsspor?kommune=12`);
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Kommunekoden/);
});

test('the round board: progress at a glance, and a reminder or a new deadline for the ticked municipalities at once', async () => {
  await page.goto(`${api.url}/sekretariat/cu/${CU}`);
  await expect(page.getByText('0 af 3 har svaret').count()).resolves.toBe(1);
  await expect(page.locator('progress#fremdrift').getAttribute('max')).resolves.toBe('3');
  const remind = page.getByRole('button', { name: 'Send en påmindelse nu', exact: true });
  await remind.click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Vælg mindst én kommune');
  await page.getByLabel('Odense', { exact: true }).check();
  await page.getByLabel('Assens', { exact: true }).check();
  await remind.click();
  await expect.poll(flash).toContain('Påmindelserne er sendt til de valgte kommuner');
  await smtp.waitFor((m) =>
    ['asta@assens.dk', 'soeren@odense.dk'].every((to) =>
      m.some((x) => x.template === 'reminder' && x.text.includes(CU) && x.to.includes(to)),
    ),
  );

  await page.getByLabel('Assens', { exact: true }).check();
  await page.getByText('Forlæng fristen for de valgte').click();
  await page.locator('#felt-valgte-deadline').fill(addDays(today, 130));
  await page.getByRole('button', { name: 'Forlæng for de valgte' }).click();
  await expect.poll(flash).toContain('Fristen er forlænget for de valgte kommuner');
  await checked(page, '26c-tavle-valgte');
  const row = page.getByRole('row', { name: /^Assens/ });
  await expect(row.textContent()).resolves.toContain(danishDate(addDays(today, 130)));
});

test('a municipality re-opened from the round board while the report is drafted', async () => {
  await page.goto(`${api.url}/sekretariat/cu/${CU}`);
  await page.getByRole('button', { name: 'Luk indberetningen nu' }).click();
  await expect
    .poll(async () => (await page.goto(`${api.url}/sekretariat/cu/${CU}`), page.getByText('Genåbn for sent svar').count()), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const row = page.getByRole('row', { name: /^Assens/ });
  await row.getByText('Genåbn for sent svar').click();
  await row.getByRole('button', { name: 'Genåbn' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Skriv en begrundelse');
  await checked(page, '29-genaabn-fejl');
  await page
    .getByRole('row', { name: /^Assens/ })
    .getByLabel('Begrundelse')
    .fill('Assens har fundet tallene');
  await page
    .getByRole('row', { name: /^Assens/ })
    .getByRole('button', { name: 'Genåbn' })
    .click();
  await expect.poll(flash).toContain('Kommunen er genåbnet');
  await checked(page, '30-genaabnet');
  await smtp.waitFor((m) => m.some((x) => x.template === 'reopened' && x.to.includes('asta@assens.dk')));
});

test('a CU registered by mistake withdrawn from its page, and shown as withdrawn', async () => {
  const id = `${CU}-fejl`;
  await h.udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 90) }), AS_SECRETARIAT);
  await page.goto(`${api.url}/sekretariat/cu/${id}`);
  await page.locator('summary', { hasText: 'Træk den centrale udmelding tilbage' }).click();
  await page.getByRole('button', { name: 'Træk tilbage' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Skriv en begrundelse');
  await page.locator('#felt-traek-reason').fill('Dublet');
  await page.getByRole('button', { name: 'Træk tilbage' }).click();
  await expect.poll(() => page.locator('main').textContent()).toContain('Den centrale udmelding er trukket tilbage.');
  await checked(page, '31-trukket-tilbage');
});

test('the meeting calendar: a meeting added by hand (after an error), an Outlook calendar imported, a bad file refused whole, a meeting deleted', async () => {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mødekalender' }).click();
  await page.waitForURL('**/sekretariat/moeder');
  await checked(page, '27a-moeder-tom');
  const meetingDay = addDays(today, 70);
  await page.getByLabel('Organ', { exact: true }).selectOption('council');
  await page.getByLabel('Mødedato').fill(meetingDay);
  await page.getByRole('button', { name: 'Tilføj mødet' }).click();
  await expect(page.locator('#fejl').textContent()).resolves.toContain('Vælg byrådet eller regionsrådet');
  await checked(page, '27b-moeder-fejl');
  await page.getByLabel('Byråd (valgfri)').selectOption('0461');
  await page.getByRole('button', { name: 'Tilføj mødet' }).click();
  await page.waitForURL('**gemt=1-0');
  await expect(page.getByRole('row', { name: /Odense Byråd/ }).count()).resolves.toBe(1);

  const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\nBEGIN:VEVENT\r\nUID:kkr-1@test\r\nDTSTAMP:20261201T080000Z\r\nDTSTART;TZID=Romance Standard Time:${addDays(today, 90).replaceAll('-', '')}T100000\r\nSUMMARY:KKR Syddanmark\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  await page.getByLabel('Fil (.csv eller .ics)').setInputFiles({ name: 'kkr.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
  await page.getByLabel('Organ (kun iCalendar)').selectOption('kkr');
  await page.getByRole('button', { name: 'Importér' }).click();
  await page.waitForURL('**gemt=1-0');
  await expect(page.getByRole('row', { name: /KKR/ }).count()).resolves.toBe(1);
  await checked(page, '27c-moeder');

  await page.getByLabel('Fil (.csv eller .ics)').setInputFiles({
    name: 'moeder.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Organ;Dato\nK22;${addDays(today, 40)}\nK22;i morgen`),
  });
  await page.getByRole('button', { name: 'Importér' }).click();
  await expect(page.locator('#fejl').textContent()).resolves.toContain('Linje 3: "i morgen" er ikke en dato');
  await expect(page.getByRole('row', { name: /K22/ }).count()).resolves.toBe(0);
  await checked(page, '27d-moeder-importfejl');

  await page.getByRole('button', { name: /Slet Odense Byråd/ }).click();
  await page.waitForURL('**gemt=slettet');
  await expect(page.getByRole('row', { name: /Odense Byråd/ }).count()).resolves.toBe(0);
});

test('a personal calendar address: made (shown once), fetched by a calendar program, revoked', async () => {
  await page.goto(`${api.url}/mine-sessioner`);
  await expect(page.getByRole('heading', { name: 'Frister og møder i din kalender' }).count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Lav en kalenderadresse' }).click();
  const address = await page.locator('code.secret').textContent();
  expect(address).toMatch(/\/kalender\/udc_[a-z0-9]{16}_[A-Za-z0-9_-]{43}\.ics$/);
  await expect(page.getByRole('link', { name: 'Abonnér i din kalender' }).getAttribute('href')).resolves.toMatch(/^webcal:\/\//);
  await checked(page, '28a-kalenderadresse');
  const calendar = await fetch(address!);
  expect(calendar.status).toBe(200);
  expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
  await page.goto(`${api.url}/mine-sessioner`);
  await expect(page.getByText(/Din kalenderadresse blev oprettet .* og senest hentet/).count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Tilbagekald adressen' }).click();
  await page.waitForURL('**kalender=tilbagekaldt');
  await checked(page, '28b-kalender-tilbagekaldt');
  expect((await fetch(address!)).status).toBe(404);
});
