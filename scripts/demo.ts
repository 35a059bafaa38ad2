// `npm run demo`: fills an empty udmeld (npm start, in another terminal) through its real API with a
// round to look at, and prints each role's link. Two CUs from the domain brief, for Syddanmark's 22
// municipalities: one whose round has closed (most answered, Odense revised, Fanø excused, Ærø never
// answered) with the report drafted and sent to the directors' forum, and one still in flight.
// It refuses a system that already holds CUs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCESS_PARAM } from '../crypto/links';
import { municipalitiesOfRegion, municipality, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { signInLocally } from './local-sign-in';

export interface DemoLinks {
  secretariat: string;
  municipality: string;
  directors: string;
  cus: string[];
}

type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: unknown }>;

const CODES = municipalitiesOfRegion(SYDDANMARK);
const ODENSE = '0461';
const FANOE = '0563';
const AEROE = '0492';

/** An e-mail address of the municipality's own kind, on a domain that never receives mail. */
const address = (role: string, code: string) =>
  `${role}.${municipality(code)
    .name.toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z]+/g, '-')}@demo.udmeld.invalid`;

function answer(code: string, seed: number) {
  const n = (Number(code) * seed) % 9;
  const name = municipality(code).name;
  return {
    antal: n,
    identifikation: `${name} Kommune har identificeret borgerne gennem myndighedssager, underretninger fra jordemødre og samarbejdet med regionens familieambulatorium.`,
    tilbud: [
      { offer: 'Familieambulatoriet', provider: 'region', providerName: 'Region Syddanmark', legalBasis: 'SUL § 79', places: 1 + (n % 3) },
      ...(n % 2
        ? [
            {
              offer: 'Botilbud med døgnstøtte',
              provider: 'anden_kommune',
              providerName: 'Odense Kommune',
              legalBasis: 'SEL § 107',
              places: 2,
            },
          ]
        : []),
    ],
    udfordringer: n > 5 ? 'Det er svært at sikre pladser med kort varsel.' : '',
    koordinering: `${name} koordinerer gennem et tværfagligt team med regionens familieambulatorium og kommunens misbrugsbehandling.`,
    fremadrettet: `${name} vil styrke den tidlige opsporing og samarbejdet med almen praksis.`,
  };
}

export async function runDemo(baseUrl: string, secretariat: string, log: (line: string) => void = () => undefined): Promise<DemoLinks> {
  const call: Call = async (method, path, body, token) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  /** The answer of a request that must succeed, as the route documents it. */
  const ok = async <T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await call(method, path, body, token);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  if ((await ok<unknown[]>('GET', '/api/cus', undefined, secretariat)).length > 0)
    throw new Error('udmeld har allerede centrale udmeldinger: demoen fylder kun et tomt system.');
  const link = async (code: string, cuId: string) =>
    (await ok<{ url: string }>('POST', '/api/links', { role: 'municipality', cuId, municipalityCode: code }, secretariat)).url;
  const tokenOf = (url: string) => new URL(url).searchParams.get(ACCESS_PARAM) ?? '';

  log('Socialdirektørforum og kontaktpersoner for Syddanmarks 22 kommuner …');
  const dorte = await ok<{ id: string }>(
    'POST',
    '/api/people',
    { name: 'Dorte Direktør', email: 'dorte@socialdirektoerforum.udmeld.invalid' },
    secretariat,
  );
  await ok('POST', '/api/people', { name: 'Frank Forum', email: 'frank@socialdirektoerforum.udmeld.invalid' }, secretariat);
  for (const code of CODES) {
    const name = municipality(code).name;
    await ok(
      'PUT',
      `/api/contacts/${code}`,
      { contacts: [{ name: `Kontaktperson i ${name}`, email: address('kontakt', code) }], directorEmail: address('socialdirektoer', code) },
      secretariat,
    );
  }

  const today = copenhagenDate(Date.now());
  const closed = 'gravide-rusmidler';
  log('Central udmelding om udsatte gravide med et skadeligt rusmiddelbrug …');
  await ok(
    'POST',
    '/api/cus',
    {
      id: closed,
      title: 'Udsatte gravide kvinder med et skadeligt rusmiddelbrug',
      targetGroup:
        'Gravide kvinder med et skadeligt forbrug af alkohol eller andre rusmidler, der har brug for en koordineret social og sundhedsfaglig indsats',
      issuedOn: addDays(today, -60),
      nationalDeadline: addDays(today, 240),
    },
    secretariat,
  );
  await ok('POST', `/api/cus/${closed}/launch`, { deadline: addDays(today, 21) }, secretariat);
  for (const code of CODES.filter((c) => c !== FANOE && c !== AEROE)) {
    await ok(
      'POST',
      `/api/cus/${closed}/municipalities/${code}/submission`,
      { values: answer(code, 7) },
      tokenOf(await link(code, closed)),
    );
  }
  await ok(
    'POST',
    `/api/cus/${closed}/municipalities/${ODENSE}/revision`,
    { comment: 'Angiv venligst antallet for hele 2025, og hvilke tilbud der er brugt.' },
    secretariat,
  );
  await ok(
    'POST',
    `/api/cus/${closed}/municipalities/${ODENSE}/submission`,
    { values: { ...answer(ODENSE, 7), antal: 14 } },
    tokenOf(await link(ODENSE, closed)),
  );
  await ok(
    'POST',
    `/api/cus/${closed}/municipalities/${FANOE}/excuse`,
    { reason: 'Fanø har ingen borgere i målgruppen og køber indsatsen hos Esbjerg.' },
    secretariat,
  );
  await ok('POST', `/api/cus/${closed}/close-reporting`, {}, secretariat);
  for (let i = 0; (await ok<{ phase: string }>('GET', `/api/cus/${closed}`, undefined, secretariat)).phase !== 'drafting'; i++) {
    if (i > 300) throw new Error('Indberetningen blev ikke lukket');
    await new Promise((r) => setTimeout(r, 100));
  }
  await ok(
    'PUT',
    `/api/cus/${closed}/report/summaries`,
    {
      summaries: {
        maalgruppe:
          'Kommunerne i Syddanmark har tilsammen identificeret en lille, men sårbar målgruppe; tallene er beskyttede, hvor de er små.',
        koordinering: 'Alle kommuner samarbejder med regionens familieambulatorium; flere har faste tværfaglige teams.',
        fremadrettet: 'Kommunerne vil styrke den tidlige opsporing og samarbejdet med almen praksis og jordemødre.',
      },
    },
    secretariat,
  );
  await ok('POST', `/api/cus/${closed}/approval`, {}, secretariat);
  // Forretningsudvalget prepared the recommendation by e-mail between meetings: now it is with the forum.
  await ok(
    'POST',
    `/api/cus/${closed}/steps/fu/decision`,
    { decision: 'approved', date: today, via: 'email', remarks: 'Indstilles til godkendelse i Socialdirektørforum' },
    secretariat,
  );

  const open = 'spiseforstyrrelser';
  log('Central udmelding om borgere med svære spiseforstyrrelser, i gang …');
  await ok(
    'POST',
    '/api/cus',
    {
      id: open,
      title: 'Borgere med svære spiseforstyrrelser',
      targetGroup: 'Børn, unge og voksne med svære spiseforstyrrelser, der har brug for højt specialiserede sociale tilbud',
      issuedOn: addDays(today, -10),
      nationalDeadline: addDays(today, 300),
    },
    secretariat,
  );
  await ok('POST', `/api/cus/${open}/launch`, { deadline: addDays(today, 45) }, secretariat);
  for (const code of CODES.filter((c) => c !== ODENSE).slice(0, 8)) {
    await ok('POST', `/api/cus/${open}/municipalities/${code}/submission`, { values: answer(code, 3) }, tokenOf(await link(code, open)));
  }
  await ok('PUT', `/api/cus/${open}/municipalities/${ODENSE}/draft`, { values: { antal: 4 } }, tokenOf(await link(ODENSE, open)));

  const directors = (await ok<{ url: string }>('POST', '/api/links', { role: 'director', personId: dorte.id }, secretariat)).url;
  return { secretariat: `${baseUrl}/login`, municipality: await link(ODENSE, open), directors, cus: [closed, open] };
}

/** Sara from the embedded provider's demo people, or the break-glass administrator when configured. */
async function secretariatSession(baseUrl: string): Promise<string> {
  const credential = process.env.BREAK_GLASS_CREDENTIAL;
  if (credential) {
    const response = await fetch(`${baseUrl}/api/auth/break-glass`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    });
    if (response.status !== 200) throw new Error(`Nødadgang mislykkedes (${response.status})`);
    return ((await response.json()) as { token: string }).token;
  }
  try {
    return (await signInLocally(baseUrl, 'sara')).token;
  } catch (err) {
    throw new Error(
      `Kunne ikke logge ind som Sara via det lokale testlogin (er udmeld startet med npm start?): ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const baseUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  try {
    const links = await runDemo(baseUrl, await secretariatSession(baseUrl), (line) => console.log(line));
    console.log(`
Demoen er klar: to centrale udmeldinger for Region Syddanmark.
  Sekretariatet:            ${links.secretariat}  (log ind som Sara Sekretariat)
  Odense Kommunes kontakt:  ${links.municipality}
  Socialdirektørforum:      ${links.directors}
E-mailene ligger i ${join(process.env.DATA_DIR ?? 'data', 'outbox')}/ (eller i din mailserver, hvis SMTP_URL er sat).`);
  } catch (err) {
    console.error(`Demoen kunne ikke køre: ${(err as Error).message}`);
    process.exit(1);
  }
}
