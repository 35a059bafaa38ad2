import { expect, test } from 'vitest';
import { renderMail } from '../../activities/email/templates';
import type { ComposedMail, MailData, MailTemplate } from '../../domain/mail';
import { settledCuState, SYDDANMARK_CODES } from '../../fixtures/round';
import { RECOMMENDATION } from '../../domain/report';

const m = {
  cuTitle: 'Tegnsprog',
  municipalityName: 'Ærø Kommune',
  municipalityGenitive: 'Ærø Kommunes',
  link: 'https://udmeld.test/kommune/tegnsprog/0492',
};
const samples: { [T in MailTemplate]: MailData[T] } = {
  invitation: { ...m, deadline: '2026-03-01', targetGroup: 'Døve og hørehæmmede' },
  reminder: { ...m, deadline: '2026-03-01', daysLeft: 1 },
  overdue: { ...m, deadline: '2026-03-01', overdueDays: 3 },
  escalation: { ...m, deadline: '2026-03-01', overdueDays: 1 },
  receipt: { ...m, submittedAt: '2026-02-27T13:30:00Z', version: 2 },
  revision_requested: { ...m, comment: 'Uddyb <b>tallet</b>', deadline: '2026-03-10' },
  deadline_extended: { ...m, deadline: '2026-04-01' },
  excused: { ...m, reason: 'Ingen borgere' },
  reopened: { ...m, deadline: '2026-06-01', reason: 'Kommunen har fundet flere borgere' },
  round_cancelled: { ...m, reason: 'Registreret ved en fejl' },
  forum_review: {
    cuTitle: 'Tegnsprog',
    link: m.link,
    stepName: 'Socialdirektørforum',
    does: 'godkender eller sender retur',
    answered: 21,
    total: 22,
  },
  forum_reminder: { cuTitle: 'Tegnsprog', link: m.link, stepName: 'Socialdirektørforum', sentAt: '2026-04-01T08:00:00Z' },
  forum_returned: { cuTitle: 'Tegnsprog', link: m.link, stepName: 'Socialdirektørforum', comment: 'Uddyb' },
  approval_request: {
    cuTitle: 'Tegnsprog',
    link: m.link,
    stepName: 'Forretningsudvalget',
    does: 'forbereder indstillingen',
    answered: 20,
    total: 22,
    meeting: { date: '2026-05-12', agendaDeadline: '2026-04-28' },
  },
  approval_reminder: {
    cuTitle: 'Tegnsprog',
    link: m.link,
    stepName: 'K22',
    sentAt: '2026-04-01T08:00:00Z',
    meeting: { date: '2026-05-12', agendaDeadline: '2026-04-28' },
  },
  approval_returned: { cuTitle: 'Tegnsprog', link: m.link, stepName: 'Forretningsudvalget', comment: 'Uddyb' },
  approval_withdrawn: { cuTitle: 'Tegnsprog', link: m.link, stepName: 'Socialdirektørforum', reason: 'Ærø Kommune genåbnes for sent svar' },
  agenda_deadline: {
    cuTitle: 'Tegnsprog',
    link: m.link,
    stepName: 'K22',
    meeting: { date: '2026-05-12', agendaDeadline: '2026-04-28' },
  },
  council_request: { cuTitle: 'Tegnsprog', councilName: 'Ærø Kommunes kommunalbestyrelse', deadline: '2026-06-01', link: m.link },
  council_reminder: { cuTitle: 'Tegnsprog', councilName: 'Regionsrådet', deadline: '2026-06-01', days: 2, overdue: false, link: m.link },
  submission: { record: settledCuState(SYDDANMARK_CODES) },
  mail_failure: { cuTitle: 'Tegnsprog', failedTemplate: 'invitation', recipients: ['x@y.dk'], reason: '550 No such user' },
};

test.each(Object.keys(samples) as MailTemplate[])('%s renders Danish text and HTML', async (template) => {
  const rendered = await renderMail({ template, data: samples[template] } as ComposedMail, { threshold: 4 });
  for (const part of [rendered.subject, rendered.text, rendered.html]) {
    expect(part).not.toMatch(/undefined|NaN|\[object Object\]/);
  }
  expect(rendered.html).toContain('<html lang="da">');
  expect(rendered.text).toContain('Med venlig hilsen');
});

test('a step asked for a meeting is told its date and agenda deadline; its reminder says the meeting has passed', async () => {
  const request = await renderMail({ template: 'approval_request', data: samples.approval_request }, { threshold: 4 });
  expect(request.text).toContain('behandlet på mødet 12. maj 2026; fristen for dagsordensmateriale er 28. april 2026');
  const reminder = await renderMail({ template: 'approval_reminder', data: samples.approval_reminder }, { threshold: 4 });
  expect(reminder.text).toContain('mødet 12. maj 2026, men beslutningen er ikke registreret');
  const agenda = await renderMail({ template: 'agenda_deadline', data: samples.agenda_deadline }, { threshold: 4 });
  expect(agenda.subject).toBe('Dagsordensfrist 28. april 2026: Tegnsprog til K22');
});

test('text from people is escaped in HTML', async () => {
  const rendered = await renderMail({ template: 'revision_requested', data: samples.revision_requested }, { threshold: 4 });
  expect(rendered.html).toContain('Uddyb &lt;b&gt;tallet&lt;/b&gt;');
  expect(rendered.text).toContain('1. marts 2026'.replace('1. marts', '10. marts'));
});

test("the councils' requests share one report while its content is the same, and get a new one when it changes", async () => {
  const record = settledCuState(SYDDANMARK_CODES);
  const request = (r: typeof record) =>
    renderMail({ template: 'council_request', data: { ...samples.council_request, record: r } }, { threshold: 4 });
  const first = (await request(record)).attachments[0]?.content;
  // Another event (a council asked) does not change the report: the same file, not made again.
  const laterEvent = {
    ...record,
    events: [...record.events, { ...record.events[0], note: 'Byråd bedt om beslutning' } as (typeof record.events)[number]],
  };
  expect((await request(laterEvent)).attachments[0]?.content).toBe(first);
  // A changed summary does.
  const edited = {
    ...record,
    report: record.report && { ...record.report, summaries: { ...record.report.summaries, [RECOMMENDATION]: 'Ny indstilling' } },
  };
  const changed = (await request(edited)).attachments[0]?.content;
  expect(changed).toBeInstanceOf(Buffer);
  expect(changed).not.toBe(first);
});
