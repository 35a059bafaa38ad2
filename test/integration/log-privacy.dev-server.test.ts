// No personal data in the logs: a whole round (invitations, a recipient the mail server refuses,
// drafts, bad input, submissions, revision, the report) on the dev server with the worker's runtime
// logging at WARN as in production, and everything written to the console and to stdout/stderr
// captured; no line holds a contact's address or name, a director's address, or an answer's text.
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { addDays, copenhagenDate } from '../../domain/time';
import { AS_SECRETARIAT, answerFor, asContact, contactOf, contactsFor, launchRound, startCu } from '../../fixtures/round';
import { installRuntime } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const lines: string[] = [];
installRuntime({
  logger: new DefaultLogger('WARN', (entry: LogEntry) => void lines.push(`${entry.message} ${JSON.stringify(entry.meta ?? {})}`)),
  telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
});
const restore: (() => void)[] = [];
beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    restore.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    };
    restore.push(() => void (stream.write = write));
  }
});
afterAll(() => restore.forEach((r) => r()));

const { h, api, smtp } = useSystem({ api: true, smtp: true });
const CU = `logning-${Date.now().toString(36)}`;
const CODES = ['0461', '0410', '0420'];

test('a whole round leaves no address, name or answer text in any log line', async () => {
  // The capture sees what is written (so an empty finding means something).
  console.error('[probe] konsol');
  process.stderr.write('[probe] strøm\n');
  expect(lines.filter((l) => l.startsWith('[probe]'))).toHaveLength(2);
  const today = copenhagenDate(Date.now());
  smtp.rejectRecipients.add(contactOf('0420'));
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, CODES, addDays(today, 30));
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => Object.keys(s.municipalities).length === CODES.length,
  );
  // Bad input, a wrong token and an unknown page answer 4xx and log nothing about anyone.
  expect(
    (await api.call('POST', `/api/cus/${CU}/municipalities/0461/submission`, { body: { values: { antal: -1 } }, token: 'uds_x_y' })).status,
  ).toBe(401);
  for (const code of CODES) {
    await h.udmeld.saveDraft(CU, code, { values: { identifikation: `Kladde fra ${code}` } }, asContact(CU, code));
    await h.udmeld.submitAnswer(CU, code, { values: answerFor(code) }, asContact(CU, code));
  }
  await h.udmeld.requestRevision(CU, '0410', { comment: 'Uddyb koordineringen med psykiatrien' }, AS_SECRETARIAT);
  await smtp.waitFor((m) => m.filter((x) => x.template === 'revision_requested').length === 1);
  await eventually(
    () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
    (s) => s.municipalities['0420']!.mailFailures.length > 0,
    30_000,
  );

  const secrets = [
    ...CODES.flatMap((code) =>
      Object.values(contactsFor([code])).flatMap((c) => [c.directorEmail, ...c.contacts.flatMap((p) => [p.name, p.email])]),
    ),
    ...CODES.flatMap((code) => Object.values(answerFor(code)).filter((v): v is string => typeof v === 'string' && v.length > 0)),
    'Kladde fra',
    'Uddyb koordineringen',
  ];
  const leaks = lines.flatMap((line) => secrets.filter((s) => line.includes(s)).map((s) => `${s} in: ${line.slice(0, 200)}`));
  expect(leaks).toEqual([]);
  // And a leak would be found: the check itself is not empty.
  expect(secrets.filter((secret) => `${lines.join('\n')}\n${contactOf('0461')}`.includes(secret))).toContain(contactOf('0461'));
});
