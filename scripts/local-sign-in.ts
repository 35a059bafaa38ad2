// Signs in through the embedded OpenID provider as one of its demo people, the way a browser does
// (redirects, cookies, the choice of person), and returns the session: for `npm run demo` and tests.
import { SESSION_COOKIE } from '../auth/authenticate';

export interface LocalSignIn {
  /** `uds_…`: usable as a bearer token, or as the session cookie. */
  token: string;
  /** Where udmeld sent the browser after signing in. */
  landedOn: string;
}

export async function signInLocally(baseUrl: string, person: string): Promise<LocalSignIn> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(set)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const follow = async (start: string, response: Response, until: (url: URL) => boolean) => {
    let url = new URL(start);
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      url = new URL(location, url);
      if (until(url)) return url;
      response = await send(url.href);
    }
    if (until(url)) return url;
    throw new Error(`Sign-in stopped at ${url.pathname} (${response.status})`);
  };

  const start = `${baseUrl}/login/start`;
  const interaction = await follow(start, await send(start), (u) => /\/idp\/interaction\/[^/]+$/.test(u.pathname));
  const chosen = await send(`${interaction.href}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ person }),
  });
  const landed = await follow(interaction.href, chosen, (u) => !u.pathname.startsWith('/idp') && !u.pathname.startsWith('/login/callback'));
  const token = jar.get(SESSION_COOKIE);
  if (!token) throw new Error(`Signed in as ${person}, but udmeld gave no session (landed on ${landed.pathname})`);
  return { token: decodeURIComponent(token), landedOn: landed.pathname };
}
