import { expect, test } from 'vitest';
import { parseMeetingCsv } from '../../domain/meeting-input';
import { nextMeeting, stepReminders, workingDaysBefore, workingDaysAfter } from '../../domain/meetings';
import { copenhagenDate, copenhagenInstant } from '../../domain/time';

test('an agenda deadline is counted in working days before the meeting, over weekends and Easter', () => {
  // Easter 2027 is 28 March: Maundy Thursday to Easter Monday (25–29 March) are closed.
  expect(workingDaysBefore('2027-03-30', 1)).toBe('2027-03-24');
  expect(workingDaysBefore('2027-03-30', 0)).toBe('2027-03-30');
  expect(workingDaysBefore('2027-03-08', 5)).toBe('2027-03-01');
  expect(workingDaysAfter('2027-03-24', 1)).toBe('2027-03-30');
  // A meeting on a closed day (Ascension, 6 May 2027) counts from the working day before it.
  expect(workingDaysBefore('2027-05-06', 1)).toBe('2027-05-04');
});

test('the next meeting is the first whose agenda is still open on the day asked', () => {
  const meetings = [
    { body: 'kkr' as const, date: '2027-03-04', agendaWorkingDays: 10 },
    { body: 'kkr' as const, date: '2027-05-11', agendaWorkingDays: 10 },
  ];
  expect(nextMeeting(meetings, '2027-02-18')).toEqual({ date: '2027-03-04', agendaDeadline: '2027-02-18' });
  expect(nextMeeting(meetings, '2027-02-19')).toEqual({ date: '2027-05-11', agendaDeadline: '2027-04-26' });
  expect(nextMeeting(meetings, '2027-05-01')).toBeUndefined();
});

test('a step asked for a meeting: the agenda reminder, the morning after the meeting, then every so many days from it', () => {
  const meeting = { date: '2027-03-04', agendaDeadline: '2027-02-18' };
  const at = (date: string) => copenhagenInstant(date, 8);
  const due = [...take(stepReminders('2027-02-01T10:00:00Z', meeting, 14), 4)];
  expect(due.map((d) => [d.kind, copenhagenDate(d.at)])).toEqual([
    ['agenda', '2027-02-17'],
    ['meeting', '2027-03-05'],
    ['periodic', '2027-03-18'],
    ['periodic', '2027-04-01'],
  ]);
  expect(due[0]?.at).toBe(at('2027-02-17'));
  // Asked after the agenda reminder's morning: no agenda reminder.
  expect([...take(stepReminders('2027-02-17T09:00:00Z', meeting, 14), 1)].map((d) => d.kind)).toEqual(['meeting']);
  // Without a meeting, every 14 days from when it was asked, as before.
  expect([...take(stepReminders('2027-02-01T10:00:00Z', undefined, 14), 2)].map((d) => [d.key, copenhagenDate(d.at)])).toEqual([
    ['1', '2027-02-15'],
    ['2', '2027-03-01'],
  ]);
});

test('a CSV calendar names the organ by id, name, municipality or the regional council; bad rows are reported with their line', () => {
  const good = parseMeetingCsv(
    'Organ;Dato;Dagsordensfrist;Titel\nKKR;2027-03-04;10;KKR Syddanmark\nOdense;22-03-2027;8;Byrådsmøde\nRegionsrådet;2027-03-29;;\nfu;4.3.2027;5;',
    '1083',
  );
  expect(good.issues).toEqual([]);
  expect(good.meetings.map((m) => [m.body, m.council, m.date, m.agendaWorkingDays])).toEqual([
    ['kkr', undefined, '2027-03-04', 10],
    ['council', '0461', '2027-03-22', 8],
    ['council', 'region', '2027-03-29', 10],
    ['fu', undefined, '2027-03-04', 5],
  ]);
  const bad = parseMeetingCsv(
    'Organ;Dato;Dagsordensfrist\nBestyrelsen;2027-03-04;10\nKKR;2027-02-30;10\nKøbenhavn;2027-03-04;10\nKKR;2027-03-04;99',
    '1083',
  );
  expect(bad.issues.map((i) => i.message)).toEqual([
    expect.stringMatching(/^Linje 2: ukendt organ "Bestyrelsen"/),
    expect.stringMatching(/^Linje 3: "2027-02-30" er ikke en dato/),
    'Linje 4: København hører ikke til regionen',
    'Linje 5: Højst 60 arbejdsdage',
  ]);
  expect(parseMeetingCsv('Dato\n2027-03-04', '1083').issues).toEqual([{ path: 'text', message: 'Linje 1: mangler en kolonne "Organ"' }]);
});

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}
