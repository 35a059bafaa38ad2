// Who a personal link belongs to, and whether it is revoked, remembered per token while people and
// revocations stay as they were. Every request still asks the record whether they changed, but that
// one-row question is shared by the requests that arrive together (app/coalesced.ts), and it is asked
// after the request arrived: a revocation holds at once, on every API, as when each asked alone.
import { coalesced } from '../app/coalesced';
import { accessVersion, findLinkHolder } from '../db/queries/people';
import type { LinkClaims } from '../db/queries/register';
import type { Queryable } from '../db/schema';
import { recentlyMade } from '../domain/recently-made';

type Holder = Awaited<ReturnType<typeof findLinkHolder>>;

/** Tokens remembered; the least recently used go first. */
const REMEMBERED = 10_000;

export function linkHolders(db: Queryable): (token: string, claims: LinkClaims & { sub: string }) => Promise<Holder> {
  const version = coalesced(() => accessVersion(db));
  // Keyed by the access version too: after any change of people or revocations, each token is looked up again.
  const holders = recentlyMade<Holder>(REMEMBERED);
  return async (token, claims) => holders(`${await version()}|${token}`, () => findLinkHolder(db, claims));
}
