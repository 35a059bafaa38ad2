// What people read, from the record (which holds everything the workflows wrote and outlives them),
// each as the caller's role may see it: the secretariat everything, directors without answers and
// with small numbers protected, a municipality its own answer.
import { createHash } from 'node:crypto';
import { auditEvents, readCu, type ReadOptions } from '../db/queries/cu-record';
import { listCus, type CuListRow } from '../db/queries/cu-list';
import { previousAnswer, readMunicipality } from '../db/queries/municipality-view';
import { answerChanges } from '../domain/answer-diff';
import { linkSigner } from '../crypto/links';
import { signingKeysOf } from '../config';
import { actorKey } from '../domain/actors';
import { accessFilterSchema, type AccessFilter, type AuditFilter } from '../domain/audit';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { overviewOf, withoutTimeline, type CuOverview, type CuOverviewWithTimeline } from '../domain/overview';
import { listMeetings } from '../db/queries/meetings';
import type { Caller } from '../domain/people';
import { addDays, copenhagenDate } from '../domain/time';
import type { AnswerChanges, AuditEvent, CuRecord, MunicipalityView } from '../domain/views';
import { municipalityCodeSchema } from '../domain/zod';
import { coalesced } from './coalesced';
import type { AppContext } from './context';
import { forDirectors, type DirectorsView } from './directors-view';

export type CuListItem = CuListRow;

/** The CU as the record holds it, for the application's own use (no caller: never handed out as is). */
export type Reads = ReturnType<typeof recordReads>;

export function recordReads(ctx: AppContext) {
  return {
    async record(cuId: string, options?: ReadOptions): Promise<CuRecord> {
      const id = parseOrThrow(cuIdSchema, cuId);
      const found = await ctx.read('Den centrale udmelding', () => readCu(ctx.db, id, options));
      if (!found) throw new UdmeldError('not_found', 'Den centrale udmelding findes ikke');
      return found;
    },
  };
}

export function readCommands(ctx: AppContext, reads: Reads) {
  const { db, config } = ctx;
  const threshold = config.smallNumberThreshold;
  const signLink = linkSigner(signingKeysOf(config), config.auth.links);
  const overviews = new Map<string, { key: string; value: Promise<{ full: CuOverviewWithTimeline[]; brief: CuOverview[] }> }>();
  const projections = new Map<string, { key: string; full: CuOverviewWithTimeline; brief: CuOverview }>();
  const newestEvent = coalesced(() =>
    ctx.read('Overblikket', () =>
      db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst(),
    ),
  );

  const list = (filter: { region?: string; status?: string }) =>
    ctx.read('Listen', () =>
      listCus(db, { ...(filter.region ? { region: filter.region } : {}), ...(filter.status ? { phase: filter.status } : {}) }),
    );

  async function overviewsFor(filter: { region?: string }, caller: Caller) {
    ctx.allow(caller, 'listCus');
    const now = Date.now();
    const newest = await newestEvent();
    const region = filter.region ?? '';
    const key = `${newest?.seq ?? 0}|${copenhagenDate(now)}|${region}`;
    const cached = overviews.get(region);
    if (cached?.key === key) return cached.value;
    // Requests that arrive together while it is made share the one making.
    const value = Promise.all([list(filter), listMeetings(db, filter.region, { from: addDays(copenhagenDate(now), -180) })]).then(
      ([rows, meetings]) => {
        // A CU's projection is made again only when its row, the calendars or the day changed.
        const context = `${copenhagenDate(now)}|${createHash('sha256').update(JSON.stringify(meetings)).digest('base64url')}`;
        const made = rows.map((row) => {
          const rowKey = `${context}|${JSON.stringify(row)}`;
          const known = projections.get(row.cuId);
          if (known?.key === rowKey) return known;
          const full = overviewOf(row, now, meetings);
          const fresh = { key: rowKey, full, brief: withoutTimeline(full) };
          projections.set(row.cuId, fresh);
          return fresh;
        });
        return { full: made.map((m) => m.full), brief: made.map((m) => m.brief) };
      },
    );
    overviews.set(region, { key, value });
    value.catch(() => overviews.delete(region));
    return value;
  }

  return {
    /** The secretariat reads a CU whole; directors without answers, contacts or small numbers. */
    async cu(cuId: string, caller: Caller): Promise<CuRecord | DirectorsView> {
      ctx.allow(caller, 'readCu', { cuId });
      const secretariat = caller.role === 'secretariat';
      const record = await reads.record(cuId, { answers: secretariat });
      return secretariat ? record : forDirectors(record, threshold);
    },

    /** A CU as directors see it (the secretariat, too, on the directors' pages). */
    async directorsView(cuId: string, caller: Caller): Promise<DirectorsView> {
      ctx.allow(caller, 'readCu', { cuId });
      return forDirectors(await reads.record(cuId, { answers: false }), threshold);
    },

    /** The secretariat's whole record of a CU (its pages and downloads). */
    async fullCu(cuId: string, caller: Caller, options?: ReadOptions): Promise<CuRecord> {
      ctx.allow(caller, 'readAnswers', { cuId });
      return reads.record(cuId, options);
    },

    /** A municipality's or Regionsrådet's view of a CU it takes part in: what directors see. */
    async ownCu(cuId: string, party: { code: string } | { council: string }, caller: Caller): Promise<DirectorsView> {
      ctx.allow(caller, 'readOwnCu', { cuId, ...party });
      return forDirectors(await reads.record(cuId, { answers: false }), threshold);
    },

    async municipality(cuId: string, code: string, caller: Caller): Promise<MunicipalityView> {
      const id = parseOrThrow(cuIdSchema, cuId);
      const municipality = parseOrThrow(municipalityCodeSchema, code);
      ctx.allow(caller, 'readMunicipality', { cuId: id, code: municipality });
      const [found, previous] = await ctx.read('Kommunens indberetning', () =>
        Promise.all([readMunicipality(db, id, municipality), previousAnswer(db, id, municipality)]),
      );
      if (!found) throw new UdmeldError('not_found', 'Kommunens indberetning findes ikke');
      return previous ? { ...found, previous } : found;
    },

    /** What changed in the respondent's answer (or else its draft) against its answer last period. */
    async answerChanges(cuId: string, code: string, caller: Caller): Promise<AnswerChanges> {
      const view = await this.municipality(cuId, code, caller);
      const now = view.answer?.values ?? view.draft?.values;
      const compared = view.answer ? 'answer' : view.draft ? 'draft' : 'nothing';
      if (!view.previous) return { compared, changes: [] };
      const { questionnaire: _q, values, ...previous } = view.previous;
      return { previous, compared, changes: now ? answerChanges(view.questionnaire, values, now) : [] };
    },

    /**
     * Where an old link into a renewed CU leads: into the renewal's round, with a new personal link, for
     * a person who is still one of the municipality's contacts (or its social director) there.
     */
    async renewalLink(cuId: string, code: string, caller: Caller): Promise<string | undefined> {
      ctx.allow(caller, 'readOwnCu', { cuId, code });
      const renewal = (await reads.record(cuId, { answers: false })).renewedBy.at(-1);
      const address = caller.actor.email?.toLowerCase();
      if (!renewal || caller.role !== 'municipality' || !caller.personId || !address) return undefined;
      const people = (await reads.record(renewal, { answers: false })).round?.contacts[code];
      const addresses = people ? [...people.contacts.map((c) => c.email), people.directorEmail] : [];
      if (!addresses.some((e) => e.toLowerCase() === address)) return undefined;
      const url = new URL(
        signLink(`${config.http.publicUrl}/kommune/${renewal}/${code}`, {
          role: 'municipality',
          cuId: renewal,
          municipalityCode: code,
          personId: caller.personId,
        }),
      );
      url.searchParams.set('fra', 'tidligere');
      return `${url.pathname}${url.search}`;
    },

    listCus(filter: { region?: string; status?: string }, caller: Caller): Promise<CuListItem[]> {
      ctx.allow(caller, 'listCus');
      return list(filter);
    },

    /**
     * The directors' overview. Read often, changed seldom: it is made again only when the record has a
     * new event (its newest event number) or a new day has begun (overdue days count in whole days).
     * The list leaves out the timelines; the pages, which draw them, ask `overviewWithTimelines`.
     */
    async overview(filter: { region?: string }, caller: Caller): Promise<CuOverview[]> {
      return (await overviewsFor(filter, caller)).brief;
    },

    async overviewWithTimelines(filter: { region?: string }, caller: Caller): Promise<CuOverviewWithTimeline[]> {
      return (await overviewsFor(filter, caller)).full;
    },

    /** One CU at a glance: its reporting, approvals, and its phases along the calendar, projected from the meeting calendars. */
    async cuOverview(cuId: string, caller: Caller): Promise<CuOverviewWithTimeline> {
      const id = parseOrThrow(cuIdSchema, cuId);
      ctx.allow(caller, 'readCu', { cuId: id });
      const now = Date.now();
      const [rows, meetings] = await ctx.read('Overblikket', () =>
        Promise.all([listCus(db, { cuId: id }), listMeetings(db, undefined, { from: addDays(copenhagenDate(now), -180) })]),
      );
      const row = rows[0];
      if (!row) throw new UdmeldError('not_found', 'Den centrale udmelding findes ikke');
      return overviewOf(row, now, meetings);
    },

    async auditTrail(cuId: string, filter: AuditFilter, caller: Caller): Promise<AuditEvent[]> {
      const id = parseOrThrow(cuIdSchema, cuId);
      ctx.allow(caller, 'readAudit', { cuId: id });
      await reads.record(id, { answers: false });
      const { person, ...query } = filter;
      const events = await ctx.read('Revisionssporet', () => auditEvents(db, { cuId: id, ...query }));
      return person ? events.filter((e) => actorKey(e.by) === person) : events;
    },

    /** Sign-ins and sign-outs, sessions ended, people revoked and reinstated, keys made and revoked. */
    async accessTrail(filter: AccessFilter, caller: Caller): Promise<AuditEvent[]> {
      ctx.allow(caller, 'administerAccess');
      const { person, kind } = parseOrThrow(accessFilterSchema, filter);
      const events = await ctx.read('Adgangssporet', () => auditEvents(db, { cuId: null, ...(kind ? { kind } : {}) }));
      return person ? events.filter((e) => actorKey(e.by) === person) : events;
    },
  };
}
