// The web pages, served by the same Express app as the API: sign-in (the secretariat's password or
// an e-mailed link, kept in an HttpOnly cookie), and the pages of the three roles.
import express, { Router, type Response } from 'express';
import { authenticate, SESSION_COOKIE, type AccessOptions } from '../api/access';
import { ACCESS_PARAM } from '../auth/links';
import { signInSecretariat } from '../auth/secretariat';
import { verifyToken } from '../auth/tokens';
import type { Udmeld } from '../client/udmeld';
import type { Config } from '../config';
import { CSS, JS } from './assets';
import { errorSummary, input } from './components';
import { html } from './html';
import { page } from './layout';
import { directorPages } from './pages/directors';
import { municipalityPages } from './pages/municipality';
import { secretariatPages } from './pages/secretariat';
import { errorPage } from './page-route';

export function webRouter(udmeld: Udmeld, access: AccessOptions, config: Config): Router {
  const router = Router();
  const secure = config.http.publicUrl.startsWith('https://');
  const setSession = (res: Response, token: string) => {
    const { exp } = verifyToken(access.keys, token);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: exp * 1000 - Date.now() });
  };

  router.get('/static/udmeld.css', (_req, res) => void res.type('css').setHeader('Cache-Control', 'public, max-age=3600').send(CSS));
  router.get('/static/udmeld.js', (_req, res) => void res.type('js').setHeader('Cache-Control', 'public, max-age=3600').send(JS));
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 5000 }));

  // An e-mailed link: keep its token in the cookie and take it out of the address bar.
  router.use(async (req, res, next) => {
    const token = req.query[ACCESS_PARAM];
    if (req.method !== 'GET' || typeof token !== 'string' || req.path.startsWith('/api/')) return next();
    try {
      await authenticate(req, access);
      setSession(res, token);
      const url = new URL(req.originalUrl, 'http://x');
      url.searchParams.delete(ACCESS_PARAM);
      res.redirect(303, `${url.pathname}${url.search}`);
    } catch {
      res.status(401).type('html').send(errorPage('Linket virker ikke længere', 'Linket er udløbet eller tilbagekaldt. Brug det seneste link fra din e-mail, eller kontakt sekretariatet.'));
    }
  });

  router.get('/', async (req, res) => {
    try {
      const caller = await authenticate(req, access);
      res.redirect(303, caller.role === 'secretariat' ? '/sekretariat' : caller.role === 'director' ? '/oversigt' : `/kommune/${caller.cu}/${caller.m}`);
    } catch {
      res.redirect(303, '/login');
    }
  });

  const loginPage = (error?: string) =>
    page({
      title: 'Log ind',
      body: html`<h1>Log ind</h1>
<p>Kommunernes kontaktpersoner og direktørerne bruger linket i deres e-mail. Sekretariatet logger ind her.</p>
${error ? errorSummary([{ path: 'credential', message: error }]) : ''}
<form method="post" action="/login" novalidate>${input({ path: 'credential', label: 'Sekretariatets adgangskode', type: 'password', required: true, issues: error ? [{ path: 'credential', message: error }] : [] })}
<button type="submit">Log ind</button></form>`,
    });
  router.get('/login', (_req, res) => void res.type('html').send(loginPage()));
  router.post('/login', (req, res) => {
    const token = signInSecretariat(config, String((req.body as Record<string, string>).credential ?? ''));
    if (!token) return void res.status(401).type('html').send(loginPage('Forkert adgangskode'));
    setSession(res, token);
    res.redirect(303, '/sekretariat');
  });
  router.post('/log-ud', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  router.use(secretariatPages(udmeld, access, config));
  router.use(municipalityPages(udmeld, access));
  router.use(directorPages(udmeld, access, config.smallNumberThreshold));
  return router;
}
