// The rest of a round after reporting, projected from the meeting calendars (what-if): the
// secretariat's draft, each step of the chain asked for its next meeting and deciding there (or,
// without a calendar, after its reminder interval), the councils at their next meetings, and the
// submission. The same functions as the workflows decide with (domain/meetings.ts).
import { stepRow, type ApprovalStep } from './approval-chain';
import { councilName } from './commands';
import { expectedDecision, nextMeeting, stepReminders, workingDaysAfter, type Meeting, type MeetingTimes } from './meetings';
import { copenhagenInstant, daysBetween, addDays, type IsoDate } from './time';
import { workingDay } from './working-days';
import { approvalStepSchema } from './views';
import { z } from './zod';

/** Days the councils get when the secretariat sets their deadline (the KKR form's default). */
export const DEFAULT_COUNCIL_DAYS = 60;
/** Working days the projection gives the secretariat for its draft, unless the preview says otherwise. */
export const DEFAULT_DRAFTING_WORKING_DAYS = 10;

/** Requests are assumed sent at noon on the day the step before decides. */
export const ASSUMED_DECISION_HOUR = 12;

export interface ChainInput {
  /** The day the first of `chain` is asked (for a round not yet there: the day the secretariat's draft is ready). */
  askFrom: IsoDate;
  /** Whether `askFrom` is when the draft is ready (shown as its own event). */
  draft: boolean;
  /** The steps still to decide, in order. */
  chain: readonly ApprovalStep[];
  /** No decision is expected before this day (a running round: today). */
  today?: IsoDate;
  /** A running round's councils' latest deadline, once they are asked. */
  councilsUntil?: IsoDate;
  /** The round's reminder interval for every step, when it sets one. */
  everyDays?: number;
  meetings: readonly Meeting[];
  /** The councils that decide after the chain (municipality codes, and `region`), or none. */
  councils: readonly string[];
  /** Days the councils get when one has no calendar (the secretariat's default council deadline). */
  councilDays: number;
  submitTo: 'national_board' | 'none';
  nationalDeadline: IsoDate;
  regionName: string;
  closedDays?: readonly string[];
}

export interface ChainEvent {
  at: number;
  kind:
    | 'drafted'
    | 'step_request'
    | 'agenda_reminder'
    | 'step_reminder'
    | 'agenda_deadline'
    | 'meeting'
    | 'decision_expected'
    | 'councils'
    | 'submission'
    | 'completed';
  step?: ApprovalStep;
  label: string;
}

export interface ProjectedStep {
  step: ApprovalStep;
  name: string;
  askedOn: IsoDate;
  meeting?: MeetingTimes;
  decidedOn: IsoDate;
}

export interface ChainProjection {
  events: ChainEvent[];
  steps: ProjectedStep[];
  councils: { code: string; name: string; date: IsoDate; fromCalendar: boolean }[];
  end: { kind: 'submission' | 'completed'; date: IsoDate; daysToSpare: number; atRisk: boolean };
}

/** The council that decides last, if any. */
export const lastCouncil = <C extends { date: IsoDate }>(councils: readonly C[]): C | undefined =>
  councils.reduce<C | undefined>((a, c) => (!a || c.date > a.date ? c : a), undefined);

const noon = (date: IsoDate) => copenhagenInstant(date, ASSUMED_DECISION_HOUR);

export function projectChain(p: ChainInput): ChainProjection {
  const events: ChainEvent[] = [];
  if (p.draft) events.push({ at: noon(p.askFrom), kind: 'drafted', label: 'Udkast til afrapportering sendes til godkendelse' });
  let askedOn = p.askFrom;
  const steps: ProjectedStep[] = [];
  for (const step of p.chain) {
    const row = stepRow(step);
    const meeting = nextMeeting(
      p.meetings.filter((m) => m.body === step),
      askedOn,
      p.closedDays,
    );
    const askedAt = noon(askedOn);
    const everyDays = p.everyDays ?? row.remindEveryDays;
    events.push({ at: askedAt, kind: 'step_request', step, label: `Sendes til ${row.name}` });
    const expected = expectedDecision(askedAt, meeting, everyDays, p.closedDays);
    const decidedOn = p.today && p.today > expected ? p.today : expected;
    // The reminders the step's wait sends before it decides (at noon on that day, as assumed).
    for (const r of stepReminders(new Date(askedAt).toISOString(), meeting, everyDays, p.closedDays)) {
      if (r.at >= noon(decidedOn)) break;
      events.push(
        r.kind === 'agenda'
          ? { at: r.at, kind: 'agenda_reminder', step, label: `Påmindelse til sekretariatet: dagsordensfrist for ${row.name}` }
          : { at: r.at, kind: 'step_reminder', step, label: `Påmindelse til ${row.name}` },
      );
    }
    if (meeting) {
      events.push({
        at: copenhagenInstant(meeting.agendaDeadline, 23, 59),
        kind: 'agenda_deadline',
        step,
        label: `Dagsordensfrist for ${row.genitive} møde`,
      });
      events.push({ at: noon(meeting.date), kind: 'meeting', step, label: `${row.name} holder møde og beslutter` });
    } else
      events.push({ at: noon(decidedOn), kind: 'decision_expected', step, label: `${row.name} beslutter (anslået: ingen mødekalender)` });
    steps.push({ step, name: row.name, askedOn, ...(meeting ? { meeting } : {}), decidedOn });
    askedOn = decidedOn;
  }
  const councils = p.councils.map((code) => {
    const meeting = nextMeeting(
      p.meetings.filter((m) => m.body === 'council' && m.municipalityCode === code),
      askedOn,
      p.closedDays,
    );
    const date = meeting?.date ?? workingDay(addDays(askedOn, p.councilDays), -1, p.closedDays);
    return { code, name: councilName(code, p.regionName), date, fromCalendar: !!meeting };
  });
  const last = lastCouncil(councils);
  if (last) {
    askedOn = last.date;
    events.push({ at: noon(last.date), kind: 'councils', label: `Sidste politiske behandling (${last.name})` });
  } else if (p.councilsUntil) {
    askedOn = p.today && p.today > p.councilsUntil ? p.today : p.councilsUntil;
    events.push({ at: noon(askedOn), kind: 'councils', label: 'Frist for den politiske behandling' });
  }
  const submission = p.submitTo === 'national_board';
  const endDate = submission ? workingDaysAfter(askedOn, 1, p.closedDays) : askedOn;
  events.push({
    at: noon(endDate),
    kind: submission ? 'submission' : 'completed',
    label: submission ? 'Afrapporteringen indsendes til Social- og Boligstyrelsen' : 'Runden afsluttes',
  });
  const daysToSpare = daysBetween(endDate, p.nationalDeadline);
  return {
    events: events.sort((a, b) => a.at - b.at),
    steps,
    councils,
    end: { kind: submission ? 'submission' : 'completed', date: endDate, daysToSpare, atRisk: submission && daysToSpare < 0 },
  };
}

const meetingTimesSchema = z.object({ date: z.string(), agendaDeadline: z.string() });
export const chainProjectionSchema = z.object({
  events: z.array(
    z.object({
      at: z.string(),
      kind: z.enum([
        'drafted',
        'step_request',
        'agenda_reminder',
        'step_reminder',
        'agenda_deadline',
        'meeting',
        'decision_expected',
        'councils',
        'submission',
        'completed',
      ]),
      step: approvalStepSchema.optional(),
      label: z.string(),
    }),
  ),
  steps: z.array(
    z.object({
      step: approvalStepSchema,
      name: z.string(),
      askedOn: z.string(),
      meeting: meetingTimesSchema.optional(),
      decidedOn: z.string(),
    }),
  ),
  councils: z.array(z.object({ code: z.string(), name: z.string(), date: z.string(), fromCalendar: z.boolean() })),
  end: z.object({ kind: z.enum(['submission', 'completed']), date: z.string(), daysToSpare: z.number(), atRisk: z.boolean() }),
});
