// Signing in: through the identity provider (the secretariat and directors by their role claim; a
// personal link's person, when their role's links require sign-in, as that very person), or with
// the break-glass credential of a local administrator when one is configured. Each ends in a
// session in the database.
import { timingSafeEqual } from 'node:crypto';
import { personalLink, type AccessOptions } from './authenticate';
import type { Config } from '../config';
import { roleFromClaims, samePerson, type ClaimMapping } from '../domain/people';
import { bindIdentity, findPerson, signedInPerson } from '../db/queries/people';
import type { Db } from '../db/schema';
import type { RelyingParty, PendingSignIn } from './oidc';
import { seal, unseal } from '../crypto/sealed';
import { startSession, type NewSession } from './sessions';

const PENDING_TTL_SECONDS = 600;
export const BREAK_GLASS_ISSUER = 'udmeld:nødadgang';

interface Pending extends PendingSignIn {
  returnTo: string;
  /** The personal link that asked for sign-in. */
  link?: string;
}

export type SignInOutcome = { session: NewSession; returnTo: string } | { refused: string };

export interface SignIn {
  /** The provider's name for the sign-in button, when there is one. */
  providerName?: string;
  breakGlass: boolean;
  begin(returnTo: string, link?: string): Promise<{ url: string; pending: string }>;
  complete(callbackUrl: URL, pending: string | undefined, userAgent: string): Promise<SignInOutcome>;
  signInBreakGlass(credential: string, userAgent: string): Promise<NewSession | undefined>;
}

export function signIn(deps: {
  db: Db;
  access: AccessOptions;
  config: Config;
  relyingParty?: RelyingParty;
  mapping?: ClaimMapping;
}): SignIn {
  const { db, access, config, relyingParty, mapping } = deps;
  const ttl = config.auth.sessionTtlSeconds;

  return {
    ...(relyingParty && config.auth.oidc ? { providerName: config.auth.oidc.providerName } : {}),
    breakGlass: !!config.auth.breakGlassCredential,

    async begin(returnTo, link) {
      if (!relyingParty) throw new Error('No identity provider is configured');
      const { url, pending } = await relyingParty.begin();
      const value: Pending = { ...pending, returnTo: safeReturn(returnTo), ...(link ? { link } : {}) };
      return { url, pending: seal(access.keys, value, PENDING_TTL_SECONDS) };
    },

    async complete(callbackUrl, sealed, userAgent) {
      const pending = sealed ? (unseal(access.keys, sealed) as Pending | undefined) : undefined;
      if (!relyingParty || !pending) return { refused: 'Log ind tog for lang tid, eller blev startet i en anden browser. Prøv igen.' };
      const error = callbackUrl.searchParams.get('error');
      if (error)
        return {
          refused: error === 'access_denied' ? 'Log ind blev afbrudt.' : `Identitetsudbyderen afviste log ind (${error.slice(0, 60)}).`,
        };
      const identity = await relyingParty.finish(callbackUrl, pending);

      if (pending.link) {
        const link = await personalLink(pending.link, access, { forSignIn: true });
        if (!samePerson(link.person, identity))
          return {
            refused: `Du er logget ind som ${identity.name}, men linket er sendt til ${link.person.name}. Log ind som den person, linket er sendt til.`,
          };
        await bindIdentity(db, link.person.id, identity.issuer, identity.subject);
        const person = (await findPerson(db, link.person.id)) ?? link.person;
        const session = await startSession(
          db,
          person,
          {
            method: 'link',
            role: link.role,
            ...(link.cu ? { cuId: link.cu, ...(link.role === 'municipality' ? { municipalityCode: link.m } : {}) } : {}),
            userAgent,
          },
          ttl,
        );
        return { session, returnTo: pending.returnTo };
      }

      if (!mapping) return { refused: 'udmeld har ingen regler for roller fra identitetsudbyderen.' };
      const decision = roleFromClaims(identity.claims, mapping);
      if ('refused' in decision) return decision;
      const person = await signedInPerson(db, {
        issuer: identity.issuer,
        subject: identity.subject,
        role: decision.role,
        name: identity.name,
        ...(identity.email ? { email: identity.email } : {}),
      });
      if (person.revokedAt) return { refused: 'Din adgang til udmeld er spærret. Kontakt sekretariatet.' };
      const session = await startSession(db, person, { method: 'oidc', role: decision.role, userAgent }, ttl);
      const home = decision.role === 'secretariat' ? '/sekretariat' : '/oversigt';
      return { session, returnTo: pending.returnTo === '/' ? home : pending.returnTo };
    },

    async signInBreakGlass(credential, userAgent) {
      const expected = Buffer.from(config.auth.breakGlassCredential ?? '');
      const given = Buffer.from(credential);
      if (!config.auth.breakGlassCredential || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const person = await signedInPerson(db, {
        issuer: BREAK_GLASS_ISSUER,
        subject: 'administrator',
        role: 'secretariat',
        name: 'Lokal administrator (nødadgang)',
      });
      if (person.revokedAt) return undefined;
      return startSession(db, person, { method: 'break_glass', role: 'secretariat', userAgent }, ttl);
    },
  };
}

/** Only a path on this site: never another site, nor a protocol-relative `//host`. */
export function safeReturn(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path.slice(0, 500) : '/';
}
