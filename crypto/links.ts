import type { LinkAccess } from '../domain/mail';
import { signToken, type SigningKeys } from './tokens';

export const ACCESS_PARAM = 'adgang';

export interface LinkTtl {
  municipalityDays: number;
  directorDays: number;
}

/** A link's access for one person: the token names the person and nothing else about them. */
export type PersonalAccess = LinkAccess & { personId: string };

/** Adds a signed, expiring token to an e-mailed link: a contact's link opens only its municipality, the
 * regional council's contact's only its CU's council page. */
export function linkSigner(keys: SigningKeys, ttl: LinkTtl): (link: string, access: PersonalAccess) => string {
  return (link, access) => {
    const token =
      access.role === 'municipality'
        ? signToken(
            keys,
            { role: 'municipality', sub: access.personId, cu: access.cuId, m: access.municipalityCode },
            ttl.municipalityDays * 86_400,
          )
        : access.role === 'region'
          ? signToken(keys, { role: 'region', sub: access.personId, cu: access.cuId }, ttl.municipalityDays * 86_400)
          : signToken(keys, { role: 'director', sub: access.personId }, ttl.directorDays * 86_400);
    const url = new URL(link);
    url.searchParams.set(ACCESS_PARAM, token);
    return url.toString();
  };
}
