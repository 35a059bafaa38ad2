// Test data: a CU on the default questionnaire and a round for Syddanmark's 22 municipalities.
import { answerValuesSchema, type ServiceRow } from '../../domain/answer';
import type { Actor, LaunchRoundInput, MunicipalContacts, StartCu } from '../../domain/cu';
import { municipalitiesOfRegion, municipality, SYDDANMARK } from '../../domain/municipalities';
import { aggregateReport } from '../../domain/report';
import type { CuRecord, MunicipalityRecord } from '../../domain/views';
import { DEFAULT_QUESTIONNAIRE } from '../../domain/questionnaire';

export const SECRETARIAT: Actor = { role: 'secretariat', name: 'Sekretariatet', email: 'sekretariat@test.dk' };
export const DIRECTOR: Actor = { role: 'director', name: 'Formand for Socialdirektørforum' };
export const SYDDANMARK_CODES = municipalitiesOfRegion(SYDDANMARK);

export const contactOf = (code: string) => `kontakt-${code}@kommune.test`;
export const directorOf = (code: string) => `direktor-${code}@kommune.test`;
export const contactActor = (code: string): Actor => ({ role: 'municipality', name: `Kontakt ${code}`, email: contactOf(code) });

export const ADDRESSES = {
  secretariat: 'sekretariat@test.dk',
  forum: 'forum@test.dk',
  region: 'regionsraad@test.dk',
  nationalBoard: 'cu@sbst.test',
};

export function startCu(id: string, overrides: Partial<StartCu['cu']> = {}): StartCu {
  return {
    cu: {
      id,
      title: 'Borgere med svære spiseforstyrrelser',
      targetGroup: 'Borgere med svære spiseforstyrrelser',
      legalBasis: 'Serviceloven § 13 b',
      issuedOn: '2026-01-15',
      nationalDeadline: '2027-03-01',
      regionCode: SYDDANMARK,
      questionnaire: DEFAULT_QUESTIONNAIRE,
      ...overrides,
    },
    by: SECRETARIAT,
  };
}

export function launch(codes: string[], deadline: string, overrides: Partial<LaunchRoundInput> = {}): LaunchRoundInput {
  const contacts: Record<string, MunicipalContacts> = Object.fromEntries(
    codes.map((code) => [code, { contacts: [{ name: `Kontakt ${code}`, email: contactOf(code) }], directorEmail: directorOf(code) }]),
  );
  return { municipalities: codes, deadline, contacts, addresses: ADDRESSES, baseUrl: 'http://udmeld.test', by: SECRETARIAT, ...overrides };
}

/** A complete, valid answer whose numbers depend on the code, so totals can be checked. */
export function answerFor(code: string): Record<string, unknown> {
  const n = Number(code) % 7;
  const services: ServiceRow[] = [
    { offer: 'Spiseforstyrrelsesklinik Syd', provider: 'region', legalBasis: 'SEL § 107', places: 1 + (n % 3) },
    ...(n % 2 === 0 ? [{ offer: 'Botilbud Fyn', provider: 'anden_kommune' as const, legalBasis: 'SEL § 108', places: 2 }] : []),
  ];
  return {
    antal: n,
    identifikation: `Borgerne er identificeret via myndighedssager i kommune ${code}.`,
    tilbud: services,
    udfordringer: '',
    koordinering: `Kommune ${code} koordinerer med regionspsykiatrien.`,
    fremadrettet: `Kommune ${code} vil styrke den tidlige opsporing.`,
  };
}

export function expectedCount(code: string): number {
  return Number(code) % 7;
}

/** A CU whose round has closed, as the record holds it: answers from `codes` except `missing`, the report aggregated. */
export function settledCuState(
  codes: string[],
  { missing = [] as string[], approved = false, answer = answerFor as (code: string) => Record<string, unknown> } = {},
): CuRecord {
  const values = answerValuesSchema(DEFAULT_QUESTIONNAIRE, true);
  const municipalities = Object.fromEntries(
    codes.map((code): [string, MunicipalityRecord] => [
      code,
      {
        cuId: 'rapport',
        code,
        name: municipality(code).name,
        status: missing.includes(code) ? 'not_submitted' : 'submitted',
        deadline: '2026-06-01',
        hardStopAt: '2026-07-01T22:00:00.000Z',
        closed: true,
        ...(missing.includes(code) ? {} : { answer: { values: values.parse(answer(code)), submittedAt: '2026-05-20T10:00:00.000Z', by: contactActor(code), version: 1 } }),
        reminders: [],
        mailFailures: [],
      },
    ]),
  );
  const start = startCu('rapport');
  const report = aggregateReport(DEFAULT_QUESTIONNAIRE, Object.values(municipalities), '2026-07-02T08:00:00.000Z');
  return {
    cu: { ...start.cu, legalBasis: start.cu.legalBasis!, regionCode: SYDDANMARK, questionnaire: DEFAULT_QUESTIONNAIRE },
    version: 1,
    phase: approved ? 'kkr' : 'drafting',
    createdAt: '2026-01-15T09:00:00.000Z',
    createdBy: SECRETARIAT,
    renewedBy: [],
    municipalities,
    report: { ...report, summaries: { maalgruppe: 'Målgruppen er lille.', tilbud: '', koordinering: '', fremadrettet: '' }, edition: 1 },
    forum: { decisions: approved ? [{ decision: 'approved', comment: '', at: '2026-08-01T10:00:00.000Z', by: DIRECTOR }] : [], reminders: [] },
    councils: {},
    events: [],
    mailFailures: [],
  };
}
