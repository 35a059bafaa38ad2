// Sign-in sessions: created after a sign-in, kept in the database (listed, revoked, expired there);
// the browser holds `uds_<id>_<secret>` in an HttpOnly cookie, a script may send it as a bearer token.
import type { AccessRole } from '../domain/actors';
import { actorOf, type Person, type SignInMethod } from '../domain/people';
import { accessEvent, insertSession } from '../db/queries/people';
import type { Db } from '../db/schema';
import { issueSecret } from '../crypto/secrets';

export interface NewSession {
  token: string;
  id: string;
  expiresAt: string;
}

export async function startSession(
  db: Db,
  person: Person,
  how: { method: SignInMethod; role: AccessRole; cuId?: string; municipalityCode?: string; userAgent?: string },
  ttlSeconds: number,
  now = new Date(),
): Promise<NewSession> {
  const { id, token, secretHash } = issueSecret('uds');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  await db.transaction().execute(async (tx) => {
    await insertSession(tx, {
      id,
      secretHash,
      personId: person.id,
      method: how.method,
      role: how.role,
      cuId: how.cuId ?? null,
      municipalityCode: how.municipalityCode ?? null,
      createdAt: now.toISOString(),
      expiresAt,
      userAgent: (how.userAgent ?? '').slice(0, 300),
    });
    await accessEvent(tx, 'signed_in', actorOf({ ...person, role: how.role }), METHOD_NOTES[how.method], now.toISOString());
  });
  return { token, id, expiresAt };
}

const METHOD_NOTES: Record<SignInMethod, string> = {
  oidc: 'Log ind via identitetsudbyderen',
  break_glass: 'Nødadgang (lokal administrator)',
  link: 'Personligt link med log ind',
};
