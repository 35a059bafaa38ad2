// Who a personal link belongs to, and whether it is revoked, remembered per token while people and
// revocations stay as they were. Every request still asks the record whether they changed, but that
// one-row question is shared by the requests that arrive together (app/coalesced.ts), and it is asked
// after the request arrived: a revocation holds at once, on every API, as when each asked alone.
import { coalesced } from '../app/coalesced';
import { accessVersion, findLinkHolder } from '../db/queries/people';
import type { LinkClaims } from '../db/queries/register';
import type { Queryable } from '../db/schema';

type Holder = Awaited<ReturnType<typeof findLinkHolder>>;

/** Tokens remembered; the least recently used go first. */
const REMEMBERED = 10_000;

export function linkHolders(db: Queryable): (token: string, claims: LinkClaims & { sub: string }) => Promise<Holder> {
  const version = coalesced(() => accessVersion(db));
  const known = new Map<string, { version: string; holder: Holder }>();
  return async (token, claims) => {
    const now = await version();
    const hit = known.get(token);
    known.delete(token);
    const holder = hit?.version === now ? hit.holder : await findLinkHolder(db, claims);
    known.set(token, { version: now, holder });
    if (known.size > REMEMBERED) known.delete(known.keys().next().value ?? '');
    return holder;
  };
}
