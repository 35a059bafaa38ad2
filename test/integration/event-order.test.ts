// The record's order is the writing transaction's id as a number: xid 99 before xid 100, on both
// databases. (Ordered by its text, 100 came before 99; with ids crossing 1000 in a test run that
// sent webhooks out of order and let a cursor skip back.) A fresh database's ids are past 101.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { feed } from '../../db/queries/events';
import { insertSubscription, queueEvents } from '../../db/queries/webhooks';
import { SECRETARIAT } from '../../fixtures/round';
import { testDatabase } from '../support/database';

describe.each(['postgres', 'embedded'] as const)('on %s', (kind) => {
  test('the feed, and a webhook queue, follow the transaction ids as numbers', async () => {
    const database = await testDatabase(kind);
    const { db } = database;
    try {
      await insertSubscription(db, {
        id: 'wh_0000000000000001',
        name: 'Orden',
        url: 'https://sag.example.dk/',
        types: ['dk.udmeld.mail_sent'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdAt: new Date().toISOString(),
        createdBy: SECRETARIAT,
      });
      // The subscription starts at the end of the feed; the events below come before it by their ids, so start it over.
      await sql`update webhook_subscription set cursor_tx = '0', cursor_seq = 0`.execute(db);
      for (const [key, tx] of [
        ['tre', '100'],
        ['en', '98'],
        ['to', '99'],
        ['fire', '101'],
      ] as const)
        await sql`insert into audit_event (key, at, kind, actor, tx) values (${key}, now(), 'mail_sent', '{"role":"system","name":"udmeld"}', ${tx}::xid8)`.execute(
          db,
        );
      const read = await feed(db, { kinds: ['mail_sent'], limit: 10 });
      expect(read.map((r) => r.key)).toEqual(['en', 'to', 'tre', 'fire']);
      expect(
        await feed(db, { kinds: ['mail_sent'], after: { tx: read[1]!.tx, seq: read[1]!.seq }, limit: 10 }).then((r) => r.map((x) => x.key)),
      ).toEqual(['tre', 'fire']);
      expect(await queueEvents(db, 'wh_0000000000000001')).toBe(4);
      const queued = await db.selectFrom('webhook_delivery').select('event_key').orderBy('position').execute();
      expect(queued.map((q) => q.event_key)).toEqual(['en', 'to', 'tre', 'fire']);
      expect(await queueEvents(db, 'wh_0000000000000001')).toBe(0);
    } finally {
      await database.close();
    }
  });
});
