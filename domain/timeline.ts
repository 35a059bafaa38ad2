// A CU's life as a bar along the calendar: the phases it has been through (from the record's phase
// events), the one it is in, and the rest as projected from the meeting calendars
// (domain/chain-projection.ts), with the national deadline and whether the projection passes it.
import { isApprovalStep, stepRow, type ApprovalStep } from './approval-chain';
import {
  chainProjectionSchema,
  projectChain,
  DEFAULT_COUNCIL_DAYS,
  DEFAULT_DRAFTING_WORKING_DAYS,
  lastCouncil,
  type ChainProjection,
} from './chain-projection';
import { CU_PHASES, type CuPhase } from './cu-process';
import { workingDaysAfter, type Meeting } from './meetings';
import { copenhagenDate, type IsoDate } from './time';
import { z } from './zod';

export interface TimelineSegment {
  label: string;
  from: IsoDate;
  to: IsoDate;
  state: 'done' | 'now' | 'next';
}
export interface TimelineMark {
  label: string;
  date: IsoDate;
  kind: 'deadline' | 'today' | 'risk' | 'end';
}
export interface CuTimeline {
  segments: TimelineSegment[];
  marks: TimelineMark[];
  /** Where the projection ends, and whether it passes the national deadline. */
  end?: ChainProjection['end'];
}

/** What the overview knows of a running CU (db/queries/cu-list.ts). */
export interface TimelineFacts {
  phase: CuPhase;
  nationalDeadline: IsoDate;
  municipalDeadline?: IsoDate;
  /** Each phase the CU entered, with when, in order. */
  phases: [CuPhase, string][];
  chain: readonly ApprovalStep[];
  everyDays?: number;
  closedDays?: readonly string[];
  process: { councils: boolean; submitTo: 'national_board' | 'none' };
  councilCodes: readonly string[];
  /** The councils' latest deadline, once they are asked. */
  councilsUntil?: IsoDate;
  regionName: string;
}

const label = (phase: CuPhase) => (isApprovalStep(phase) ? stepRow(phase).name : CU_PHASES[phase]);
const ENDED: CuPhase[] = ['submitted', 'completed', 'withdrawn'];

export function cuTimeline(f: TimelineFacts, meetings: readonly Meeting[], now: number): CuTimeline {
  const today = copenhagenDate(now);
  const entered = f.phases.map(([phase, at]) => ({ phase, on: copenhagenDate(Date.parse(at)) }));
  const segments: TimelineSegment[] = [];
  entered.forEach((e, i) => {
    const next = entered[i + 1];
    if (e.phase === 'registered' || ENDED.includes(e.phase)) return;
    segments.push({ label: label(e.phase), from: e.on, to: next?.on ?? today, state: next ? 'done' : 'now' });
  });
  const marks: TimelineMark[] = [{ label: 'National frist', date: f.nationalDeadline, kind: 'deadline' }];
  if (f.municipalDeadline) marks.push({ label: 'Kommunernes frist', date: f.municipalDeadline, kind: 'deadline' });
  if (ENDED.includes(f.phase) || f.phase === 'registered') return { segments, marks };
  marks.push({ label: 'I dag', date: today, kind: 'today' });

  const since = entered.at(-1)?.on ?? today;
  const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
  const stepsFrom = (step?: ApprovalStep) => (step ? f.chain.slice(f.chain.indexOf(step)) : f.chain);
  const draftReady = (from: IsoDate) => later(today, workingDaysAfter(from, DEFAULT_DRAFTING_WORKING_DAYS, f.closedDays));
  const current = segments.at(-1);
  let askFrom = today;
  if (f.phase === 'reporting' && f.municipalDeadline) {
    if (current) current.to = later(today, f.municipalDeadline);
    askFrom = draftReady(f.municipalDeadline);
    segments.push({ label: CU_PHASES.drafting, from: later(today, f.municipalDeadline), to: askFrom, state: 'next' });
  } else if (f.phase === 'drafting') {
    askFrom = draftReady(since);
    if (current) current.to = askFrom;
  } else if (isApprovalStep(f.phase)) askFrom = since;
  const projection = projectChain({
    askFrom,
    draft: false,
    chain: isApprovalStep(f.phase) ? stepsFrom(f.phase) : f.phase === 'reporting' || f.phase === 'drafting' ? f.chain : [],
    today,
    ...(f.phase === 'political' && f.councilsUntil ? { councilsUntil: f.councilsUntil } : {}),
    ...(f.everyDays ? { everyDays: f.everyDays } : {}),
    meetings,
    councils: f.process.councils && f.phase !== 'political' && f.phase !== 'ready' ? f.councilCodes : [],
    councilDays: DEFAULT_COUNCIL_DAYS,
    submitTo: f.process.submitTo,
    nationalDeadline: f.nationalDeadline,
    regionName: f.regionName,
    ...(f.closedDays ? { closedDays: f.closedDays } : {}),
  });
  for (const s of projection.steps) {
    if (s.step === f.phase && current) current.to = s.decidedOn;
    else segments.push({ label: s.name, from: s.askedOn, to: s.decidedOn, state: 'next' });
  }
  const chainEnd = projection.steps.at(-1)?.decidedOn ?? askFrom;
  const councilsEnd = lastCouncil(projection.councils)?.date;
  if (councilsEnd) segments.push({ label: CU_PHASES.political, from: chainEnd, to: councilsEnd, state: 'next' });
  else if (f.phase === 'political' && current) current.to = later(today, f.councilsUntil ?? today);
  const end = projection.end;
  marks.push({
    label: end.kind === 'submission' ? 'Ventet indsendelse' : 'Ventet afslutning',
    date: end.date,
    kind: end.atRisk ? 'risk' : 'end',
  });
  return { segments, marks, end };
}

export const timelineSchema = z.object({
  segments: z.array(z.object({ label: z.string(), from: z.string(), to: z.string(), state: z.enum(['done', 'now', 'next']) })),
  marks: z.array(z.object({ label: z.string(), date: z.string(), kind: z.enum(['deadline', 'today', 'risk', 'end']) })),
  end: chainProjectionSchema.shape.end.optional(),
});

/** A round not yet launched, as its preview projects it: reporting from today, the draft, each step, the councils. */
export function previewTimeline(
  p: { today: IsoDate; deadline: IsoDate; nationalDeadline: IsoDate },
  chain: Pick<ChainProjection, 'steps' | 'councils' | 'end'>,
): CuTimeline {
  const segments: TimelineSegment[] = [{ label: CU_PHASES.reporting, from: p.today, to: p.deadline, state: 'next' }];
  const drafted = chain.steps[0]?.askedOn ?? chain.end.date;
  segments.push({ label: CU_PHASES.drafting, from: p.deadline, to: drafted, state: 'next' });
  for (const s of chain.steps) segments.push({ label: s.name, from: s.askedOn, to: s.decidedOn, state: 'next' });
  const councilsEnd = lastCouncil(chain.councils)?.date;
  const chainEnd = chain.steps.at(-1)?.decidedOn ?? drafted;
  if (councilsEnd) segments.push({ label: CU_PHASES.political, from: chainEnd, to: councilsEnd, state: 'next' });
  return {
    segments,
    marks: [
      { label: 'Kommunernes frist', date: p.deadline, kind: 'deadline' },
      { label: 'National frist', date: p.nationalDeadline, kind: 'deadline' },
      {
        label: chain.end.kind === 'submission' ? 'Ventet indsendelse' : 'Ventet afslutning',
        date: chain.end.date,
        kind: chain.end.atRisk ? 'risk' : 'end',
      },
    ],
    end: chain.end,
  };
}
