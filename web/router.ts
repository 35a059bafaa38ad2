// The web pages, served by the same Express app as the API: sign-in, personal links (kept in an
// HttpOnly cookie) and the pages of the three roles.
import express, { Router, type Request, type Response } from 'express';
import { authenticate, cookie, LINK_COOKIE, personalLink, SESSION_COOKIE, type AccessOptions } from '../auth/authenticate';
import { ACCESS_PARAM } from '../crypto/links';
import type { SignIn } from '../auth/sign-in';
import type { Udmeld } from '../app';
import type { Config } from '../config';
import { CSS, JS } from './assets';
import { errorSummary, input, notice } from './components';
import { html } from '../domain/html';
import { homeOf, page } from './layout';
import { accessPages } from './pages/access';
import { webhookPages } from './pages/webhooks';
import { searchPages } from './pages/search';
import { accessibilityPages } from './pages/accessibility';
import { auditPages } from './pages/audit';
import { contactPages } from './pages/contacts';
import { meetingPages } from './pages/meetings';
import { calendarPages } from './pages/calendar';
import { directorPages } from './pages/directors';
import { municipalityPages } from './pages/municipality';
import { regionPages } from './pages/region';
import { secretariatPages } from './pages/secretariat';
import { templatePages } from './pages/templates';
import { schedulePages } from './pages/schedules';
import { errorPage, sameOrigin } from './page-route';

const PENDING_COOKIE = 'udmeld_login';

export function webRouter(app: Udmeld, access: AccessOptions, config: Config, signIn: SignIn): Router {
  const router = Router();
  const secure = config.http.publicUrl.startsWith('https://');
  const cookieOptions = (expiresAt: string) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    maxAge: Date.parse(expiresAt) - Date.now(),
  });
  const clearAll = (res: Response) => {
    for (const name of [SESSION_COOKIE, LINK_COOKIE]) res.clearCookie(name, { path: '/' });
  };
  const refusedPage = (res: Response, status: number, detail: string) =>
    res
      .status(status)
      .type('html')
      .send(errorPage('Du kan ikke logge ind', html`${detail} <a href="/login">Til log ind</a>.`));

  router.get('/static/udmeld.css', (_req, res) => void res.type('css').setHeader('Cache-Control', 'public, max-age=3600').send(CSS));
  router.get('/static/udmeld.js', (_req, res) => void res.type('js').setHeader('Cache-Control', 'public, max-age=3600').send(JS));
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 5000 }));

  const beginSignIn = async (res: Response, returnTo: string, link?: string) => {
    const { url, pending } = await signIn.begin(returnTo, link);
    res.cookie(PENDING_COOKIE, pending, { httpOnly: true, sameSite: 'lax', secure, path: '/login', maxAge: 600_000 });
    res.redirect(303, url);
  };

  // A personal link: keep its token in the cookie and take it out of the address bar; or, where the
  // role's links require it, have the person sign in first.
  router.use(async (req, res, next) => {
    const token = req.query[ACCESS_PARAM];
    if (req.method !== 'GET' || typeof token !== 'string' || req.path.startsWith('/api/')) return next();
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.delete(ACCESS_PARAM);
    const target = `${url.pathname}${url.search}`;
    try {
      const link = await personalLink(token, access, { forSignIn: true });
      if (access.linkSignInRoles.includes(link.role)) {
        if (!signIn.providerName) return void refusedPage(res, 503, 'Linket kræver log ind, men udmeld har ingen identitetsudbyder.');
        return void (await beginSignIn(res, target, token));
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.cookie(LINK_COOKIE, token, cookieOptions(link.expiresAt ?? new Date(Date.now() + 3_600_000).toISOString()));
      res.redirect(303, target);
    } catch {
      res
        .status(401)
        .type('html')
        .send(
          errorPage(
            'Linket virker ikke længere',
            'Linket er udløbet eller tilbagekaldt. Brug det seneste link fra din e-mail, eller kontakt sekretariatet.',
          ),
        );
    }
  });

  router.get('/', async (req, res) => {
    try {
      const caller = await authenticate(req, access);
      res.redirect(303, homeOf(caller));
    } catch {
      res.redirect(303, '/login');
    }
  });

  const loginPage = (error?: string, loggedOut = false) =>
    page({
      title: 'Log ind',
      body: html`<h1>Log ind</h1>${loggedOut ? notice('Du er logget ud.', 'ok') : ''}
<p>Kommunernes kontaktpersoner og direktørforummets medlemmer bruger det personlige link i deres e-mail.</p>
${signIn.providerName ? html`<form method="get" action="/login/start"><button type="submit">Log ind med ${signIn.providerName}</button></form>` : html`<p>Der er ikke sat en identitetsudbyder op (se README, afsnittet om adgang).</p>`}
${
  signIn.breakGlass
    ? html`<details${error ? ' open' : ''}><summary>Nødadgang for den lokale administrator</summary>
${error ? errorSummary([{ path: 'credential', message: error }]) : ''}
<form method="post" action="/login/noedadgang" novalidate>${input({ path: 'credential', label: 'Nødadgangskode', type: 'password', required: true, issues: error ? [{ path: 'credential', message: error }] : [] })}
<button type="submit">Log ind med nødadgang</button></form></details>`
    : ''
}`,
    });
  router.get('/login', (req, res) => void res.type('html').send(loginPage(undefined, req.query['logget-ud'] === '1')));
  router.get('/login/start', async (req, res) => {
    if (!signIn.providerName) return void res.redirect(303, '/login');
    await beginSignIn(res, typeof req.query.til === 'string' ? req.query.til : '/');
  });
  router.get('/login/callback', async (req, res) => {
    const pending = cookie(req, PENDING_COOKIE);
    res.clearCookie(PENDING_COOKIE, { path: '/login' });
    try {
      const outcome = await signIn.complete(new URL(req.originalUrl, config.http.publicUrl), pending, req.get('user-agent') ?? '');
      if ('refused' in outcome) return void refusedPage(res, 403, outcome.refused);
      clearAll(res);
      res.cookie(SESSION_COOKIE, outcome.session.token, cookieOptions(outcome.session.expiresAt));
      res.redirect(303, outcome.returnTo);
    } catch (err) {
      console.error(`[web] sign-in failed: ${(err as Error)?.name}: ${(err as Error)?.message}`);
      refusedPage(res, 401, 'Log ind mislykkedes. Prøv igen.');
    }
  });
  router.post('/login/noedadgang', async (req, res) => {
    if (!sameOrigin(req)) return void refusedPage(res, 403, 'Formularen kom fra et andet websted.');
    const session = await signIn.signInBreakGlass(
      String((req.body as Record<string, string>).credential ?? ''),
      req.get('user-agent') ?? '',
    );
    if (!session)
      return void res
        .status(401)
        .type('html')
        .send(loginPage(signIn.breakGlass ? 'Forkert nødadgangskode' : 'Nødadgang er ikke slået til'));
    clearAll(res);
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
    res.redirect(303, '/sekretariat');
  });

  router.post('/log-ud', async (req, res) => {
    if (!sameOrigin(req)) return void refusedPage(res, 403, 'Formularen kom fra et andet websted.');
    await endSessions(app, req, access, 'this');
    clearAll(res);
    res.redirect(303, '/login?logget-ud=1');
  });
  router.post('/log-ud/alle-steder', async (req, res) => {
    if (!sameOrigin(req)) return void refusedPage(res, 403, 'Formularen kom fra et andet websted.');
    await endSessions(app, req, access, 'all');
    clearAll(res);
    res.redirect(303, '/login?logget-ud=1');
  });

  router.use(accessibilityPages(config));
  router.use(accessPages(app, access));
  router.use(webhookPages(app, access));
  router.use(searchPages(app, access));
  router.use(secretariatPages(app, access));
  router.use(templatePages(app, access));
  router.use(schedulePages(app, access));
  router.use(auditPages(app, access));
  router.use(contactPages(app, access));
  router.use(meetingPages(app, access));
  router.use(calendarPages(app, access));
  router.use(municipalityPages(app, access));
  router.use(regionPages(app, access));
  router.use(directorPages(app, access));
  return router;
}

/** Ends the caller's session (or all their sessions), if they signed in. */
async function endSessions(app: Udmeld, req: Request, access: AccessOptions, which: 'this' | 'all'): Promise<void> {
  try {
    const caller = await authenticate(req, access);
    if (caller.via !== 'session') return;
    await app.endMySessions(caller, which === 'this' ? {} : 'all');
  } catch {
    // Not signed in (or already out): clearing the cookies is all there is to do.
  }
}
