// Deadlines and meetings as iCalendar (RFC 5545), written with ical.js: all-day events with a stable
// UID (a moved deadline replaces the old one in the reader's calendar), a reminder the day before,
// and cancellations for deadlines that no longer apply.
import ICAL from 'ical.js';
import { addDays, type IsoDate } from '../domain/time';

export const ICALENDAR = 'text/calendar; charset=utf-8';

export interface CalendarEntry {
  /** Stable for the same thing: `frist-<cu>-<code>@udmeld`. */
  uid: string;
  date: IsoDate;
  summary: string;
  description?: string;
  url?: string;
  /** The entry no longer applies (a round cancelled, a municipality excused). */
  cancelled?: boolean;
}

/** Whom a deadline is for: `frist-<cu>-<code>@udmeld` (the same in e-mails and feeds, so one replaces the other). */
export const deadlineUid = (cuId: string, who: string) => `frist-${cuId}-${who}@udmeld`;

const PRODID = '-//udmeld//Centrale udmeldinger//DA';

const icalDate = (date: IsoDate) => ICAL.Time.fromDateString(date);

/** A calendar of entries; `method` PUBLISH for feeds and attachments, CANCEL for a cancellation only. */
export function icalendar(
  entries: readonly CalendarEntry[],
  options: { name: string; now?: number; method?: 'PUBLISH' | 'CANCEL' },
): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', PRODID);
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', options.method ?? 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', options.name);
  calendar.updatePropertyWithValue('x-wr-timezone', 'Europe/Copenhagen');
  const now = ICAL.Time.fromJSDate(new Date(options.now ?? Date.now()), true);
  for (const e of entries) {
    const event = new ICAL.Component('vevent');
    event.updatePropertyWithValue('uid', e.uid);
    event.updatePropertyWithValue('dtstamp', now);
    event.updatePropertyWithValue('last-modified', now);
    // Later versions of the same entry win in the reader's calendar.
    event.updatePropertyWithValue('sequence', Math.floor((options.now ?? Date.now()) / 60_000) % 2_000_000_000);
    event.updatePropertyWithValue('dtstart', icalDate(e.date));
    event.updatePropertyWithValue('dtend', icalDate(addDays(e.date, 1)));
    event.updatePropertyWithValue('summary', e.summary);
    if (e.description) event.updatePropertyWithValue('description', e.description);
    if (e.url) event.updatePropertyWithValue('url', e.url);
    event.updatePropertyWithValue('transp', 'TRANSPARENT');
    event.updatePropertyWithValue('status', e.cancelled ? 'CANCELLED' : 'CONFIRMED');
    if (!e.cancelled) {
      const alarm = new ICAL.Component('valarm');
      alarm.updatePropertyWithValue('action', 'DISPLAY');
      alarm.updatePropertyWithValue('description', e.summary);
      alarm.updatePropertyWithValue('trigger', ICAL.Duration.fromString('-P1D'));
      event.addSubcomponent(alarm);
    }
    calendar.addSubcomponent(event);
  }
  return calendar.toString();
}
