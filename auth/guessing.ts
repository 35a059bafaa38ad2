// Limits on guessing: failed authentications are counted per window in the record (so every API
// process of an installation counts together), per address and per credential: a session's or
// service key's id, a personal link's signed claims, or the break-glass credential itself. Only
// failures count, so a request that authenticates costs nothing. A credential over its limit is
// refused with 429 before it is even checked; an address over its limit gets 429 instead of 401 for
// every failure (a valid token from a shared address still works). Crossing a limit is audited.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Request, RequestHandler } from 'express';
import { accessEvent } from '../db/queries/people';
import type { Db } from '../db/schema';
import { SYSTEM } from '../domain/cu';
import { TooManyAttempts } from '../domain/errors';

export interface GuessingLimits {
  /** Failures from one address in a window before its failures get 429. */
  perAddress: number;
  /** Failures at one credential in a window before it is refused unchecked. */
  perCredential: number;
  windowSeconds: number;
}

export interface Attempt {
  address: string;
  /** What is being guessed at, when a credential was given. */
  credential?: string;
}

const hashed = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 24)}`;

/** Which credential a token tries: a session's or key's id, a link's claims, never the secret part. */
export function credentialOf(token: string): string {
  const id = /^(ud[sk]_[^_]+)_/.exec(token)?.[1];
  return hashed('credential', id ?? token.split('.').slice(0, 2).join('.'));
}

export const attemptOf = (req: Request, token?: string): Attempt => ({
  address: hashed('address', req.ip ?? req.socket.remoteAddress ?? 'ukendt'),
  ...(token ? { credential: credentialOf(token) } : {}),
});

export type GuessingGuard = ReturnType<typeof guessingGuard>;

export function guessingGuard(db: Db, limits: GuessingLimits, clock: () => number = Date.now) {
  const windowMs = limits.windowSeconds * 1000;
  /** Keys over their limit in this process, until their window ends. */
  const blocked = new Map<string, number>();
  const waitFor = (key: string) => {
    const until = blocked.get(key);
    if (until === undefined) return undefined;
    if (until <= clock()) {
      blocked.delete(key);
      return undefined;
    }
    return Math.ceil((until - clock()) / 1000);
  };

  return {
    /** Refuses, before any check, a credential over its limit (and, for a password, an address over its). */
    before(attempt: Attempt, { address = false } = {}): void {
      const wait = (attempt.credential ? waitFor(attempt.credential) : undefined) ?? (address ? waitFor(attempt.address) : undefined);
      if (wait !== undefined) throw new TooManyAttempts(wait);
    },

    /** Counts a failure; the error to answer with: 429 once the address or the credential is over its limit. */
    async failed(attempt: Attempt, what: string): Promise<TooManyAttempts | undefined> {
      const start = Math.floor(clock() / windowMs) * windowMs;
      const end = start + windowMs;
      const counted = [
        [attempt.address, limits.perAddress],
        ...(attempt.credential ? [[attempt.credential, limits.perCredential] as const] : []),
      ] as const;
      let over = false;
      for (const [key, limit] of counted) {
        const { rows } = await sql<{ failures: number }>`
          insert into auth_failure (key, window_start, failures) values (${key}, ${new Date(start).toISOString()}, 1)
          on conflict (key, window_start) do update set failures = auth_failure.failures + 1
          returning failures`.execute(db);
        const failures = rows[0]?.failures ?? 0;
        if (failures > limit) {
          over = true;
          blocked.set(key, end);
          if (failures === limit + 1)
            await accessEvent(
              db,
              'auth_failures',
              SYSTEM,
              `${limit + 1} mislykkede forsøg (${what}) fra samme ${key.startsWith('address') ? 'adresse' : 'legitimation'} (${key}) inden for ${limits.windowSeconds / 60} minutter; afvist til ${new Date(end).toISOString()}`,
            );
        }
      }
      return over ? new TooManyAttempts(Math.ceil((end - clock()) / 1000)) : undefined;
    },
  };
}

/**
 * A password's sign-in (the break-glass credential, which a person chose and so can be guessed):
 * refused unchecked once its address or the credential itself is over its limit; each 401 counted.
 */
export function guardedSignIn(guard: GuessingGuard, what: string): RequestHandler {
  return (req, res, next) => {
    const attempt = { address: attemptOf(req).address, credential: hashed('credential', what) };
    try {
      guard.before(attempt, { address: true });
    } catch (err) {
      return next(err);
    }
    res.on('finish', () => {
      if (res.statusCode === 401) void guard.failed(attempt, what).catch(() => undefined);
    });
    next();
  };
}
