// A person's calendar feed: a read-only address (its secret shown once) that a calendar program
// subscribes to, with the deadlines and meetings that concern the person's role. Revocable; a new
// address revokes the old; a revoked person's feed stops.
import { issueSecret, parseSecret, secretMatches } from '../crypto/secrets';
import { activeFeed, feedItems, feedOwner, issueFeed, revokeFeed, touchFeed, type FeedItem } from '../db/queries/calendar-feeds';
import { councilName, REGION_COUNCIL } from '../domain/commands';
import { UdmeldError } from '../domain/errors';
import { meetingHolder, meetingTimes } from '../domain/meetings';
import { isRegion, REGIONS, respondentGenitive } from '../domain/municipalities';
import type { Caller } from '../domain/people';
import { addDays, copenhagenDate, danishDate } from '../domain/time';
import { deadlineUid, icalendar, type CalendarEntry } from '../report/icalendar';
import type { AppContext } from './context';

const notFound = () => new UdmeldError('not_found', 'Kalenderen findes ikke eller er tilbagekaldt');

export function calendarFeedCommands(ctx: AppContext) {
  const { db, config } = ctx;
  const personOf = (caller: Caller): string => {
    ctx.allow(caller, 'ownCalendar');
    if (!caller.personId) throw new UdmeldError('invalid_state', 'Kun en person kan abonnere på sin egen kalender');
    return caller.personId;
  };
  const addressOf = (token: string) => `${config.http.publicUrl}/kalender/${token}.ics`;

  const entryOf = (item: FeedItem): CalendarEntry => {
    const base = config.http.publicUrl;
    switch (item.kind) {
      case 'deadline':
        return item.code
          ? {
              uid: deadlineUid(item.cuId, item.code),
              date: item.date,
              summary: `Frist: ${respondentGenitive(item.code)} indberetning på ${item.title}`,
              url: `${base}/kommune/${item.cuId}/${item.code}`,
            }
          : {
              uid: deadlineUid(item.cuId, 'kommunerne'),
              date: item.date,
              summary: `Kommunernes frist: ${item.title}`,
              url: `${base}/sekretariat/cu/${item.cuId}`,
            };
      case 'council':
        return {
          uid: deadlineUid(item.cuId, `byraad-${item.council}`),
          date: item.date,
          summary: `Frist: ${councilName(item.council, isRegion(item.regionCode) ? REGIONS[item.regionCode] : '')} behandler ${item.title}`,
          url: item.council === REGION_COUNCIL ? `${base}/region/${item.cuId}` : `${base}/kommune/${item.cuId}/${item.council}`,
        };
      case 'national':
        return {
          uid: deadlineUid(item.cuId, 'national'),
          date: item.date,
          summary: `National frist: ${item.title}`,
          url: `${base}/oversigt/cu/${item.cuId}`,
        };
      case 'meeting': {
        const who = meetingHolder(item);
        const times = meetingTimes(item);
        return {
          uid: `moede-${item.id}@udmeld`,
          date: item.date,
          summary: `Møde: ${who}${item.title ? ` (${item.title})` : ''}`,
          description: `Frist for dagsordensmateriale: ${danishDate(times.agendaDeadline)}.`,
        };
      }
    }
  };

  return {
    async myCalendarFeed(caller: Caller): Promise<{ active?: { createdAt: string; lastUsedAt?: string } }> {
      const active = await activeFeed(db, personOf(caller));
      return active ? { active } : {};
    },

    /** A new address for the person's feed (shown this once); the old one stops. */
    async createMyCalendarFeed(caller: Caller): Promise<{ url: string; webcal: string }> {
      const personId = personOf(caller);
      const secret = issueSecret('udc');
      await issueFeed(db, personId, secret, new Date().toISOString());
      const url = addressOf(secret.token);
      return { url, webcal: url.replace(/^https?:/, 'webcal:') };
    },

    async revokeMyCalendarFeed(caller: Caller): Promise<{ revoked: number }> {
      return { revoked: await revokeFeed(db, personOf(caller), new Date().toISOString()) };
    },

    /** The feed itself, for whoever holds its address: iCalendar text. */
    async calendarFeed(token: string): Promise<string> {
      const parsed = parseSecret('udc', token);
      if (!parsed) throw notFound();
      const owner = await feedOwner(db, parsed.id);
      if (!owner || !secretMatches(parsed.secret, owner.secretHash)) throw notFound();
      const now = Date.now();
      const items = await feedItems(db, owner, addDays(copenhagenDate(now), -31));
      await touchFeed(db, owner.feedId, new Date(now).toISOString());
      return icalendar(items.map(entryOf), { name: `udmeld: ${owner.name}`, now });
    },
  };
}
