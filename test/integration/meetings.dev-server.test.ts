// Meeting calendars on the real system: imported from CSV and iCalendar (a recurring event read by
// ical.js) through the API, refused whole with each line's reason, read by the launch preview, and
// carried by the round from its launch and by signal when they change: the forum's request, received by SMTP, names
// its meeting and agenda deadline, and the directors' overview projects the round from it. And each
// person's calendar feed, read by ical.js.
import ICAL from 'ical.js';
import { expect, test } from 'vitest';
import { addDays, copenhagenDate, danishDate } from '../../domain/time';
import { workingDay } from '../../domain/working-days';
import { workingDaysBefore } from '../../domain/meetings';
import { AS_DIRECTOR, AS_SECRETARIAT, answerFor, asContact, launchRound, startCu } from '../../fixtures/round';
import { signInSecretariat, tokenFromMail } from '../support/api';
import { useSystem } from '../support/system';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';

const { h, api, smtp } = useSystem({ api: true, smtp: true });
const CU = `moeder-${Date.now().toString(36)}`;
const today = copenhagenDate(Date.now());
const on = (days: number) => workingDay(addDays(today, days), 1);
const compact = (date: string) => date.replaceAll('-', '');

test('calendars are imported from CSV and iCalendar, refused whole on any bad line, and the chain asks the forum for its next meeting', async () => {
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const list = async () => (await api.call('GET', '/api/meetings?regionCode=1083', { token })).body as { body: string; date: string }[];

  // A CSV file with one bad line stores nothing, and names the line and the reason.
  const bad = await api.call('POST', '/api/meetings/import', {
    token,
    body: { format: 'csv', text: `Organ;Dato;Dagsordensfrist\nKKR;${on(120)};10\nBestyrelsen;${on(130)};10` },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ path: 'text', message: expect.stringMatching(/^Linje 3: ukendt organ "Bestyrelsen"/) }]);
  expect(await list()).toEqual([]);
  const badDate = await api.call('POST', '/api/meetings', { token, body: { body: 'kkr', date: '2027-02-30' } });
  expect(badDate.status).toBe(400);
  expect(badDate.body.errors.map((e: { path: string }) => e.path)).toEqual(['date']);
  await expect(h.udmeld.addMeeting({ body: 'kkr', date: on(120) }, AS_DIRECTOR)).rejects.toMatchObject({ kind: 'forbidden' });

  const csv = await api.call('POST', '/api/meetings/import', {
    token,
    body: { format: 'csv', text: `Organ;Dato;Dagsordensfrist;Titel\nKKR;${on(120)};10;KKR Syddanmark\nOdense;${on(150)};8;Byrådsmøde` },
  });
  expect(csv.status).toBe(200);
  expect(csv.body).toEqual({ added: 2, updated: 0 });

  // The forum's calendar from Outlook: a monthly meeting from day 60, six times.
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Outlook//DA',
    'BEGIN:VEVENT',
    `UID:forum-${CU}@test`,
    'DTSTAMP:20261201T080000Z',
    `DTSTART;VALUE=DATE:${compact(on(60))}`,
    'RRULE:FREQ=MONTHLY;COUNT=6',
    'SUMMARY:Socialdirektørforum',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const imported = await api.call('POST', '/api/meetings/import', {
    token,
    body: { format: 'ics', text: ics, body: 'forum', agendaWorkingDays: 10 },
  });
  expect(imported.status).toBe(200);
  expect(imported.body).toEqual({ added: 6, updated: 0 });
  // Imported again: the same meetings, none added.
  expect((await api.call('POST', '/api/meetings/import', { token, body: { format: 'ics', text: ics, body: 'forum' } })).body).toEqual({
    added: 0,
    updated: 6,
  });
  const notIcs = await api.call('POST', '/api/meetings/import', {
    token,
    body: { format: 'ics', text: 'BEGIN:VCALENDAR\nnonsense', body: 'forum' },
  });
  expect(notIcs.status).toBe(400);
  expect((await list()).filter((m) => m.body === 'forum')).toHaveLength(6);

  // The preview of a round reporting until day 20 asks the forum for its first meeting, KKR for its.
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  const preview = await api.call('POST', `/api/cus/${CU}/launch/preview`, {
    token,
    body: { deadline: on(20), municipalities: ['0461', '0410'], approvalChain: ['forum', 'kkr'], draftingWorkingDays: 5 },
  });
  expect(preview.status).toBe(200);
  expect(preview.body.chain.steps.map((s: { step: string; meeting?: { date: string } }) => [s.step, s.meeting?.date])).toEqual([
    ['forum', on(60)],
    ['kkr', on(120)],
  ]);
  expect(preview.body.chain.councils.find((c: { code: string }) => c.code === '0461')).toMatchObject({ date: on(150), fromCalendar: true });
  expect(preview.body.chain.end.atRisk).toBe(false);

  // The real chain: launched, answered, sent for approval — the forum is asked for its meeting on day 60.
  await launchRound(h.udmeld, CU, ['0461', '0410'], on(20), { approvalChain: ['forum', 'kkr'] });
  for (const code of ['0461', '0410']) await h.udmeld.submitAnswer(CU, code, { values: answerFor(code) }, asContact(CU, code));
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT, { answers: false }),
    (s) => s.phase === 'drafting',
  );
  await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
  await smtp.waitFor((m) => m.some((x) => x.template === 'forum_review'));
  const request = smtp.received.find((x) => x.template === 'forum_review');
  expect(request?.text).toContain(
    `Sagen ventes behandlet på mødet ${danishDate(on(60))}; fristen for dagsordensmateriale er ${danishDate(workingDaysBefore(on(60), 10))}.`,
  );

  // The directors' overview projects the rest from the calendars: the forum until its meeting, KKR at its.
  const overview = await h.udmeld.overviewWithTimelines({}, AS_DIRECTOR);
  const mine = overview.find((o) => o.cuId === CU);
  expect(mine?.timeline.segments.map((s) => [s.label, s.state, s.to])).toEqual([
    ['Indberetning', 'done', today],
    ['Afrapportering udarbejdes', 'done', today],
    ['Socialdirektørforum', 'now', on(60)],
    ['KKR', 'next', on(120)],
    ['Politisk behandling', 'next', expect.any(String)],
  ]);
  expect(mine?.timeline.end?.atRisk).toBe(false);
  // The API's list gives when it is expected done, without the timeline; a CU's own overview has it.
  const listed = (await api.call('GET', '/api/overview', { token })).body as Record<string, unknown>[];
  expect(listed.find((o) => o.cuId === CU)).toMatchObject({ expected: mine?.timeline.end });
  expect(listed.find((o) => o.cuId === CU)).not.toHaveProperty('timeline');
  expect((await api.call('GET', `/api/cus/${CU}/overview`, { token })).body).toMatchObject({
    timeline: { segments: mine?.timeline.segments },
  });

  // A KKR meeting added now reaches the running round by signal: KKR is asked for it once the forum has decided.
  expect((await api.call('POST', '/api/meetings', { token, body: { body: 'kkr', date: on(100), agendaWorkingDays: 10 } })).status).toBe(
    201,
  );
  await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR);
  await smtp.waitFor((m) => m.some((x) => x.template === 'approval_request'));
  expect(smtp.received.find((x) => x.template === 'approval_request')?.text).toContain(`behandlet på mødet ${danishDate(on(100))}`);
});

test('a personal calendar feed: a contact’s deadline moves in place when extended, the secretariat’s holds the meetings, a revoked address is gone', async () => {
  const second = `${CU}-2`;
  await h.udmeld.registerCu(startCu(second, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, second, ['0461'], on(30));
  await smtp.waitFor((m) => m.some((x) => x.template === 'invitation' && x.text.includes(`/kommune/${second}/0461`)));
  const invitation = smtp.received.find((x) => x.template === 'invitation' && x.text.includes(`/kommune/${second}/0461`));
  const link = tokenFromMail(invitation!);

  const made = await api.call('POST', '/api/me/calendar', { token: link, body: {} });
  expect(made.status).toBe(201);
  expect(made.body.webcal).toMatch(/^webcal:\/\//);
  const feed = async (url: string) => {
    const r = await fetch(url);
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  };
  const events = (text: string) =>
    new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

  const first = await feed(made.body.url);
  expect([first.status, first.type]).toEqual([200, 'text/calendar; charset=utf-8']);
  const deadline = events(first.text).find((e) => e.uid === `frist-${second}-0461@udmeld`);
  expect(deadline?.startDate.toString()).toBe(on(30));
  // The contact sees Odense's deadline and Odense's council meeting, not the forum's.
  expect(events(first.text).map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Møde: Odense Byråd/)]));
  expect(events(first.text).some((e) => e.summary.includes('Socialdirektørforum'))).toBe(false);

  // Before the deadline moves: what the round would look like with it.
  const token0 = await signInSecretariat(api, TEST_CREDENTIAL);
  const whatIf = await api.call('POST', `/api/cus/${second}/extend-round/preview`, { token: token0, body: { deadline: on(45) } });
  expect(whatIf.status).toBe(200);
  expect(whatIf.body.events[0].label).toBe('Den nye frist meddeles');
  expect(whatIf.body.events.find((e: { kind: string }) => e.kind === 'deadline').date).toBe(on(45));
  expect(whatIf.body.chain.steps.map((s: { step: string }) => s.step)).toEqual(['forum', 'kkr']);
  const badWhatIf = await api.call('POST', `/api/cus/${second}/extend-round/preview`, { token: token0, body: { deadline: 'i morgen' } });
  expect([badWhatIf.status, badWhatIf.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, ['deadline']]);
  await h.udmeld.extendDeadline(second, '0461', { deadline: on(45) }, AS_SECRETARIAT);
  const moved = events((await feed(made.body.url)).text).filter((e) => e.uid === `frist-${second}-0461@udmeld`);
  expect(moved.map((e) => e.startDate.toString())).toEqual([on(45)]);

  // The secretariat's feed: every meeting, and each open CU's national deadline.
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const mine = await api.call('POST', '/api/me/calendar', { token, body: {} });
  const secretariat = events((await feed(mine.body.url)).text);
  expect(secretariat.filter((e) => e.summary.startsWith('Møde: Socialdirektørforum'))).toHaveLength(6);
  expect(secretariat.map((e) => e.summary)).toContain(`National frist: Borgere med svære spiseforstyrrelser`);

  expect((await api.call('POST', '/api/me/calendar/revoke', { token: link, body: {} })).body).toEqual({ revoked: 1 });
  expect((await feed(made.body.url)).status).toBe(404);
  expect((await feed(made.body.url.replace(/.{6}\.ics$/, 'xxxxxx.ics'))).status).toBe(404);
  expect((await api.call('POST', '/api/me/calendar', { token: link, body: { extra: 1 } })).status).toBe(400);
});
