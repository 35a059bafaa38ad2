// Danish full-text search across rounds: inflected forms are found ("borgere" finds "borger"), in
// answers of two rounds, in questions, revision comments, decisions' remarks and the report's edited
// sections; ranked, with marked excerpts and links; filtered; each role finds what it may read; the
// index follows the record's writes; and bad input is a 400 naming the field.
import { expect, test } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_DIRECTOR, AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { signInSecretariat } from '../support/api';
import { useSystem } from '../support/system';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';

const { h, api } = useSystem({ api: true });
const stamp = Date.now().toString(36);
const [A, B] = [`soeg-a-${stamp}`, `soeg-b-${stamp}`];
const today = copenhagenDate(Date.now());

const withText = (code: string, text: string) => ({ ...answerFor(code), koordinering: text });

test('a Danish query finds inflected forms across two rounds, ranked and marked, and each role only what it may read', async () => {
  for (const id of [A, B]) {
    await h.udmeld.registerCu(startCu(id, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
    await launchRound(h.udmeld, id, ['0461', '0410'], addDays(today, 30));
  }
  await h.udmeld.submitAnswer(
    A,
    '0461',
    { values: withText('0461', 'Vi koordinerer med psykiatrien om borgeren hver måned.') },
    asContact(A, '0461'),
  );
  await h.udmeld.submitAnswer(
    B,
    '0410',
    { values: withText('0410', 'Koordineringen med psykiatrien sker i et fast forum for borgere med komplekse behov.') },
    asContact(B, '0410'),
  );
  await h.udmeld.requestRevision(A, '0461', { comment: 'Beskriv venligst samarbejdet med psykiatrien nærmere' }, AS_SECRETARIAT);

  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const find = async (query: string) => {
    const r = await api.call('GET', `/api/search?${query}`, { token });
    expect(r.status, query).toBe(200);
    return r.body as {
      hits: { kind: string; cuId: string; municipalityCode?: string; excerpt: { text: string; hit: boolean }[]; link: string }[];
    };
  };
  // "borgere" (plural) finds "borgeren" and "borgere" in both rounds' answers.
  const found = await find(`q=${encodeURIComponent('borgere psykiatri')}&kind=answer`);
  const answers = found.hits.filter((x) => [A, B].includes(x.cuId));
  expect(answers.map((x) => x.cuId).sort()).toEqual([A, B].sort());
  for (const hit of answers) {
    expect(hit.excerpt.some((p) => p.hit && /^borger/i.test(p.text))).toBe(true);
    expect(hit.link).toBe(`/kommune/${hit.cuId}/${hit.municipalityCode}`);
  }
  // The revision comment and the questions are found too; filters narrow.
  const revision = await find(`q=samarbejde&cuId=${A}`);
  expect(revision.hits.map((x) => x.kind)).toContain('revision');
  const questions = await find(`q=${encodeURIComponent('koordinerer kommunen')}&kind=question&cuId=${B}`);
  expect(questions.hits.length).toBeGreaterThan(0);
  expect(questions.hits.every((x) => x.kind === 'question' && x.cuId === B)).toBe(true);
  expect((await find(`q=psykiatrien&municipalityCode=0410&kind=answer`)).hits.every((x) => x.municipalityCode === '0410')).toBe(true);
  expect((await find(`q=psykiatrien&year=2001`)).hits).toEqual([]);

  // Directors: no answers, no revision comments.
  const director = await h.udmeld.search({ q: 'psykiatrien borgere' }, AS_DIRECTOR);
  expect(director.hits.every((x) => !['answer', 'revision'].includes(x.kind))).toBe(true);
  // A contact: its own answer only.
  const own = await h.udmeld.search({ q: 'psykiatrien' }, asContact(A, '0461'));
  expect(own.hits.length).toBeGreaterThan(0);
  expect(own.hits.every((x) => x.kind === 'answer' && x.cuId === A && x.municipalityCode === '0461')).toBe(true);

  // The index follows the record: a revised answer replaces the old text.
  await h.udmeld.submitAnswer(A, '0461', { values: withText('0461', 'Nu med et samarbejdsudvalg om udslusning.') }, asContact(A, '0461'));
  await eventually(
    async () => (await find(`q=udslusning&cuId=${A}`)).hits.length,
    (n) => n === 1,
  );
  expect((await find(`q=${encodeURIComponent('borgeren hver måned')}&cuId=${A}&kind=answer`)).hits).toEqual([]);
});

test('bad queries are a 400 naming the field', async () => {
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  for (const [query, field] of [
    ['', 'q'],
    ['q=a', 'q'],
    ['q=%21%21', 'q'],
    ['q=borger&kind=svar', 'kind'],
    ['q=borger&year=12', 'year'],
    ['q=borger&regionCode=9999', 'regionCode'],
    ['q=borger&limit=500', 'limit'],
    [`q=${'x'.repeat(201)}`, 'q'],
  ] as const) {
    const r = await api.call('GET', `/api/search?${query}`, { token });
    expect(r.status, query).toBe(400);
    expect(JSON.stringify(r.body), query).toContain(field);
  }
  // Odd but valid: websearch syntax never errors.
  for (const q of ['"borger', 'borger -', 'or or', '"" psykiatri', '& | ! ( )x'])
    expect((await api.call('GET', `/api/search?q=${encodeURIComponent(q)}`, { token })).status, q).toBe(200);
});
