// `npm run demo` on an empty system: it fills it through the real API, and every link it prints
// opens its role's page. On a system that holds CUs it refuses and changes nothing.
import { expect, test } from 'vitest';
import { runDemo } from '../../scripts/demo';
import { SESSION_COOKIE } from '../../auth/authenticate';
import { signInLocally } from '../../scripts/local-sign-in';
import { AS_SECRETARIAT } from '../../fixtures/round';
import { useSystem } from '../support/system';

const { h, api } = useSystem({ api: true });

/** Opens an e-mailed link as a browser would: the token becomes a cookie, redirects are followed. */
async function open(url: string): Promise<{ status: number; path: string; page: string }> {
  let cookie = '';
  let next = url;
  for (let hops = 0; hops < 5; hops++) {
    const response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const set = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((pair) => !pair.endsWith('='));
    if (set) cookie = set;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      next = new URL(location, next).toString();
      continue;
    }
    return { status: response.status, path: new URL(next).pathname, page: await response.text() };
  }
  throw new Error(`Too many redirects from ${url}`);
}

test('the demo fills an empty system with rounds to look at, and its links open each role’s page', async () => {
  const sara = await signInLocally(api.url, 'sara');
  expect(sara.landedOn).toBe('/sekretariat');
  const links = await runDemo(api.url, sara.token);
  expect(await open(links.secretariat)).toMatchObject({ status: 200, path: '/login' });
  const overview = await fetch(`${api.url}/sekretariat`, { headers: { cookie: `${SESSION_COOKIE}=${sara.token}` } });
  expect(await overview.text()).toContain('Udsatte gravide kvinder med et skadeligt rusmiddelbrug');
  const odense = await open(links.municipality);
  expect(odense).toMatchObject({ status: 200, path: '/kommune/spiseforstyrrelser/0461' });
  expect(odense.page).toContain('Kladde gemt');
  const directors = await open(links.directors);
  expect(directors).toMatchObject({ status: 200, path: '/oversigt' });
  expect(directors.page).toContain('Til godkendelse i Socialdirektørforum');

  const closed = await h.udmeld.fullCu('gravide-rusmidler', AS_SECRETARIAT);
  expect(closed.phase).toBe('forum');
  expect(closed.municipalities['0461']!.answer!.version).toBe(2);
  expect(closed.municipalities['0563']!.status).toBe('excused');
  expect(closed.municipalities['0492']!.status).toBe('not_submitted');
  expect(closed.report!.summaries.koordinering).toContain('familieambulatorium');
  const open_ = await h.udmeld.fullCu('spiseforstyrrelser', AS_SECRETARIAT);
  expect(Object.values(open_.municipalities).filter((m) => m.status === 'submitted')).toHaveLength(8);

  await expect(runDemo(api.url, sara.token)).rejects.toThrow('allerede');
  expect((await h.udmeld.listCus({}, AS_SECRETARIAT)).map((c) => c.cuId)).toEqual(['gravide-rusmidler', 'spiseforstyrrelser']);
}, 180_000);
