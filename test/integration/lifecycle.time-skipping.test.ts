// The whole lifecycle of one CU for Syddanmark's 22 municipalities, with a deadline four months
// away, on Temporal's time-skipping test server and a real SMTP server; once with the record on a
// PostgreSQL server, once on the embedded PostgreSQL that `npm start` uses by default.
import mammoth from 'mammoth';
import { describe, expect, test } from 'vitest';
import { cuWorkflowId, municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate, copenhagenInstant, danishDate, endOfDay } from '../../domain/time';
import { hardStop, periodicReminderAt, reminderSchedule } from '../../domain/reminders';
import {
  ADDRESSES,
  answerFor,
  AS_DIRECTOR,
  AS_SECRETARIAT,
  asContact,
  contactOf,
  directorOf,
  launchRound,
  startCu,
  SYDDANMARK_CODES,
  expectedCount,
} from '../../fixtures/round';
import { recordHistories } from '../support/histories';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const ODENSE = '0461'; // drafts, submits, is asked to revise, resubmits
const SVENDBORG = '0479'; // gets an extension, submits late but inside it
const AEROE = '0492'; // never answers
const TOENDER = '0550'; // overdue, escalated, then submits
const FANOE = '0563'; // excused
const PROMPT = SYDDANMARK_CODES.filter((c) => ![ODENSE, SVENDBORG, AEROE, TOENDER, FANOE].includes(c));
const DAY = 86_400_000;

describe.each(['postgres', 'embedded'] as const)('the record on %s', (database) => {
  const CU = database === 'postgres' ? 'spiseforstyrrelser-2026' : 'spiseforstyrrelser-2026-indbygget';

  const { h, smtp, env } = useSystem({ smtp: true, timeSkipping: 'first', database });

  const at8 = (date: string) => copenhagenInstant(date, 8);
  const advanceTo = async (t: number) => {
    const now = await env.currentTimeMs();
    if (t > now) await env.sleep(t - now);
  };
  const mails = (template: string, to?: string) => smtp.received.filter((m) => m.template === template && (!to || m.to.includes(to)));
  const status = () => h.udmeld.fullCu(CU, AS_SECRETARIAT);
  const submit = (code: string, values = answerFor(code)) => h.udmeld.submitAnswer(CU, code, { values }, asContact(CU, code));

  test('a CU goes from issue to submission for 22 municipalities, with reminders, escalation, extension, revision and approvals', async () => {
    const launchAt = await env.currentTimeMs();
    const today = copenhagenDate(launchAt);
    const deadline = addDays(today, 120);
    // The reminders the workflows must send, on working days (domain/reminders.ts; the property test checks the rule itself).
    const planFor = (d: string) =>
      reminderSchedule({
        deadline: d,
        plan: { daysBefore: [14, 7, 2], overdueEveryDays: 3 },
        escalate: true,
        plannedSince: launchAt,
        until: hardStop(d, 30),
      });
    const escalationAt = planFor(deadline).find((r) => r.kind === 'escalation')!.at;
    await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
    const launched = await launchRound(h.udmeld, CU, SYDDANMARK_CODES, deadline);
    expect(launched.phase).toBe('reporting');

    // Invitations: one to each municipality's contact.
    await smtp.waitFor(() => mails('invitation').length === 22);
    expect(new Set(mails('invitation').map((m) => m.to[0]))).toEqual(new Set(SYDDANMARK_CODES.map(contactOf)));
    expect(mails('invitation', contactOf(ODENSE))[0]!.text).toContain(`senest ${danishDate(deadline)}`);

    // A month in: Odense saves a draft, then most municipalities submit.
    await advanceTo((await env.currentTimeMs()) + 30 * DAY);
    const draft = await h.udmeld.saveDraft(CU, ODENSE, { values: { antal: 3 } }, asContact(CU, ODENSE));
    expect(draft.status).toBe('draft');
    const drafted = await h.udmeld.municipality(CU, ODENSE, AS_SECRETARIAT);
    expect(drafted.draft?.values).toEqual({ antal: 3 });
    expect(drafted.draftSavedAt).toBe(draft.event.at);
    for (const code of [ODENSE, ...PROMPT]) expect((await submit(code)).status).toBe('submitted');
    await smtp.waitFor(() => mails('receipt').length === 1 + PROMPT.length);

    // Svendborg asks for more time: three weeks past the common deadline.
    await advanceTo((await env.currentTimeMs()) + 10 * DAY);
    const extendedTo = addDays(deadline, 21);
    const extended = await h.udmeld.extendDeadline(CU, SVENDBORG, { deadline: extendedTo, reason: 'Byrådsmøde' }, AS_SECRETARIAT);
    expect(extended.deadline).toBe(extendedTo);

    // The secretariat asks Odense to revise; Odense resubmits with a corrected count.
    const revised = await h.udmeld.requestRevision(CU, ODENSE, { comment: 'Tallet for 2025 mangler' }, AS_SECRETARIAT);
    expect(revised.status).toBe('revision_requested');
    await smtp.waitFor(() => mails('revision_requested', contactOf(ODENSE)).length === 1);
    expect(mails('revision_requested', contactOf(ODENSE))[0]!.text).toContain('Tallet for 2025 mangler');
    await advanceTo((await env.currentTimeMs()) + 5 * DAY);
    const resubmitted = await submit(ODENSE, { ...answerFor(ODENSE), antal: 11 });
    expect(resubmitted.answerVersion).toBe(2);
    const versions = await h.db
      .selectFrom('answer')
      .select(['version', 'values'])
      .where('cu_id', '=', CU)
      .where('code', '=', ODENSE)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.values.antal])).toEqual([
      [1, expectedCount(ODENSE)],
      [2, 11],
    ]);

    // Fanø is excused.
    expect((await h.udmeld.excuseMunicipality(CU, FANOE, { reason: 'Ingen borgere i målgruppen' }, AS_SECRETARIAT)).status).toBe('excused');

    // The deadline passes; Ærø and Tønder are escalated to their social directors.
    await advanceTo(escalationAt + 60_000);
    // Each gets a copy of their own, with a link that names them; the contacts' copies are for their information.
    await smtp.waitFor(() => mails('escalation').length === 4);
    expect(
      mails('escalation')
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([directorOf(AEROE), directorOf(TOENDER), contactOf(AEROE), contactOf(TOENDER)].sort());
    expect(mails('escalation', directorOf(AEROE))[0]!.text).toMatch(/^Kære socialdirektør/);
    expect(mails('escalation', contactOf(AEROE))[0]!.text).toContain('Du får denne e-mail til orientering.');

    await advanceTo(Math.max(at8(addDays(deadline, 4)), escalationAt) + 60_000);
    const toenderAt = await env.currentTimeMs();
    expect((await submit(TOENDER)).status).toBe('submitted');
    await advanceTo(at8(addDays(deadline, 15)) + 60_000);
    const svendborgAt = await env.currentTimeMs();
    expect((await submit(SVENDBORG)).status).toBe('submitted');

    // Ærø never answers: the hard stop 30 days after the deadline closes the round.
    await advanceTo(endOfDay(addDays(deadline, 30)) + 60_000);
    const drafting = await eventually(status, (s) => s.phase === 'drafting');

    // Reminders: who got which, and when (08:00 Copenhagen time).
    const reminderKeys = (code: string) => drafting.municipalities[code]!.reminders.map((r) => r.key);
    const aeroe = planFor(deadline);
    expect(reminderKeys(AEROE)).toEqual(aeroe.map((r) => r.key));
    for (const [i, r] of drafting.municipalities[AEROE]!.reminders.entries())
      expect(Math.abs(Date.parse(r.at) - aeroe[i]!.at)).toBeLessThan(60_000);
    expect(reminderKeys(TOENDER)).toEqual(
      planFor(deadline)
        .filter((r) => r.at < toenderAt)
        .map((r) => r.key),
    );
    // The extension moved Svendborg's reminders to the new deadline; none for the old one after it.
    expect(reminderKeys(SVENDBORG).filter((k) => k.includes(extendedTo))).toEqual(
      planFor(extendedTo)
        .filter((r) => r.at < svendborgAt)
        .map((r) => r.key),
    );
    expect(reminderKeys(SVENDBORG).every((k) => k.includes(extendedTo))).toBe(true);
    for (const code of [...PROMPT, ODENSE, FANOE]) expect(reminderKeys(code)).toEqual([]);
    expect(mails('reminder', contactOf(AEROE))).toHaveLength(aeroe.filter((r) => r.kind === 'before').length);
    expect(mails('overdue', contactOf(AEROE))).toHaveLength(aeroe.filter((r) => r.kind === 'overdue').length);
    expect(mails('overdue', contactOf(AEROE)).length).toBeGreaterThanOrEqual(8);
    expect(mails('reminder', contactOf(SVENDBORG))).toHaveLength(reminderKeys(SVENDBORG).length);
    expect(mails('reminder', contactOf(PROMPT[0]!))).toHaveLength(0);
    expect(drafting.municipalities[AEROE]!.status).toBe('not_submitted');

    // The report's numbers.
    const report = drafting.report!;
    const answered = SYDDANMARK_CODES.filter((c) => c !== AEROE && c !== FANOE);
    const antal = report.numbers.find((n) => n.questionId === 'antal')!;
    expect(antal.perMunicipality[ODENSE]).toBe(11);
    expect(antal.total).toBe(answered.reduce((sum, c) => sum + (c === ODENSE ? 11 : expectedCount(c)), 0));
    expect(Object.keys(antal.perMunicipality).sort()).toEqual(answered.sort());
    expect(report.notAnswered.map((m) => [m.code, m.status])).toEqual([
      [AEROE, 'not_submitted'],
      [FANOE, 'excused'],
    ]);
    const clinic = report.services.find((s) => s.offer === 'Spiseforstyrrelsesklinik Syd')!;
    expect(clinic.municipalities).toHaveLength(answered.length);
    expect(clinic.places).toBe(answered.reduce((sum, c) => sum + 1 + ((Number(c) % 7) % 3), 0));
    expect(report.texts.find((t) => t.questionId === 'koordinering')!.entries).toHaveLength(answered.length);

    // The forum returns the draft once; the secretariat revises and re-sends; the forum approves.
    await h.udmeld.editReport(CU, { summaries: { maalgruppe: 'Udkast' } }, AS_SECRETARIAT);
    const askedAt = new Date(await env.currentTimeMs()).toISOString();
    await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
    await smtp.waitFor(() => mails('forum_review', ADDRESSES.forum).length === 1);
    // No members registered: the forum's shared address gets a link that asks whoever opens it to sign in.
    expect(mails('forum_review', ADDRESSES.forum)[0]!.text).toContain(`/oversigt/cu/${CU}`);
    expect(mails('forum_review', ADDRESSES.forum)[0]!.text).not.toContain('adgang=');
    // The forum's reminder 14 days on, at 08:00 on a working day.
    await advanceTo(periodicReminderAt(askedAt, 1, 14) + 60_000);
    await smtp.waitFor(() => mails('forum_reminder', ADDRESSES.forum).length === 1);
    const returned = await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'returned', remarks: 'Uddyb koordineringen' }, AS_DIRECTOR);
    expect(returned.phase).toBe('drafting');
    await smtp.waitFor(() => mails('forum_returned', ADDRESSES.secretariat).length === 1);
    await h.udmeld.editReport(CU, { summaries: { koordinering: 'Kommunerne koordinerer i regionalt netværk.' } }, AS_SECRETARIAT);
    await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
    expect((await h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR)).phase).toBe('kkr');

    // KKR, then the 22 councils and the regional council, each with its own deadline.
    const kkrDate = copenhagenDate(await env.currentTimeMs());
    const councilDeadline = addDays(kkrDate, 45);
    const political = await h.udmeld.recordStepDecision(
      CU,
      'kkr',
      { decision: 'approved', date: kkrDate, councilDeadline },
      AS_SECRETARIAT,
    );
    expect(political.phase).toBe('political');
    expect(Object.keys((await status()).councils)).toHaveLength(23);
    await smtp.waitFor(() => mails('council_request').length === 23);
    await h.udmeld.extendCouncilDeadline(CU, '0510', { deadline: addDays(councilDeadline, 30) }, AS_SECRETARIAT);
    for (const council of [...SYDDANMARK_CODES.filter((c) => c !== '0510'), 'region']) {
      const decision = council === '0621' ? 'approved_with_remarks' : 'approved';
      await h.udmeld.recordCouncilDecision(CU, council, { decision, date: addDays(kkrDate, 20), remarks: '' }, AS_SECRETARIAT);
    }
    const progress = await status();
    expect(
      Object.values(progress.councils)
        .filter((c) => c.status === 'pending')
        .map((c) => c.id),
    ).toEqual(['0510']);
    // Haderslev's council is reminded 7 and 2 days before its own (extended) deadline, then decides.
    await advanceTo(at8(addDays(councilDeadline, 30 - 2)) + 60_000);
    await smtp.waitFor(() => mails('council_reminder', contactOf('0510')).length === 2);
    expect(mails('council_reminder').every((m) => m.to.includes(contactOf('0510')))).toBe(true);
    await h.udmeld.recordCouncilDecision(CU, '0510', { decision: 'approved', date: addDays(councilDeadline, 29) }, AS_SECRETARIAT);
    await eventually(status, (s) => s.phase === 'ready');

    // Submission to the national board; the workflow ends, the record keeps it all.
    await h.udmeld.submitReport(CU, AS_SECRETARIAT);
    const summary = await h.udmeld.cuHandle(CU).result();
    if (summary.outcome !== 'submitted') throw new Error(`The CU ended ${summary.outcome}`);
    const record = await h.udmeld.fullCu(CU, AS_SECRETARIAT);
    expect(record.report!.municipalities.length - record.report!.notAnswered.length).toBe(20);
    expect(record.report!.notAnswered.map((m) => m.code)).toEqual([AEROE, FANOE]);
    expect(record.councils['0621']!.status).toBe('approved_with_remarks');
    expect(record.phase).toBe('submitted');
    expect(record.stepDecisions.filter((d) => d.step === 'forum').map((d) => d.decision)).toEqual(['returned', 'approved']);
    await smtp.waitFor(() => mails('submission', ADDRESSES.nationalBoard).length === 1);
    const submission = mails('submission', ADDRESSES.nationalBoard)[0]!;
    expect(submission.messageId).toBe(summary.messageId);
    expect(submission.cc).toContain(ADDRESSES.secretariat);
    expect(submission.text).toContain('20 af 22 kommuner har indberettet');
    expect(submission.text).toContain('Ikke besvaret: Ærø, Fanø');
    expect(submission.text).toContain('Kommunerne koordinerer i regionalt netværk.');
    // The Word report is attached; it left the secretariat, so small counts are protected.
    expect(submission.attachments.map((a) => a.filename)).toEqual([`afrapportering-${CU}.docx`]);
    const docx = (await mammoth.extractRawText({ buffer: submission.attachments[0]!.content })).value;
    expect(docx).toContain('Afrapportering: Borgere med svære spiseforstyrrelser');
    expect(docx).not.toContain('UDKAST');
    expect(docx).toMatch(/Odense\s*11/);
    expect(docx).toMatch(/Middelfart\s*1-4/); // 0410 % 7 = 4
    expect(docx).toContain('Kommunerne koordinerer i regionalt netværk.');
    expect(docx).toMatch(/Tønder Kommunes kommunalbestyrelse\s*Godkendt/);

    // Every step records who did it and when.
    const kinds = record.events.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'registered',
        'phase:reporting',
        'phase:drafting',
        'report_edited',
        'phase:forum',
        'phase:kkr',
        'phase:political',
        'council_decision',
        'phase:ready',
        'phase:submitted',
      ]),
    );
    expect(record.events.every((e) => e.by.name && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const trail = await h.udmeld.auditTrail(CU, { municipalityCode: ODENSE }, AS_SECRETARIAT);
    expect(trail.map((e) => e.kind).filter((k) => k !== 'mail_sent')).toEqual([
      'draft_saved',
      'submitted',
      'revision_requested',
      'resubmitted',
    ]);
    if (database === 'postgres')
      await recordHistories(h.client, {
        'central-notice-lifecycle': cuWorkflowId(CU),
        'municipality-revision': municipalityWorkflowId(CU, ODENSE),
        'municipality-extension': municipalityWorkflowId(CU, SVENDBORG),
        'municipality-hard-stop': municipalityWorkflowId(CU, AEROE),
        'municipality-excused': municipalityWorkflowId(CU, FANOE),
      });
    // Nothing was e-mailed twice.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
