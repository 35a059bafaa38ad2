// How a page is served: who may see it (same tokens and rules as the API), CSRF checks on forms,
// and errors as readable Danish pages.
import type { Request, RequestHandler, Response } from 'express';
import { authenticate, type AccessOptions } from '../auth/authenticate';
import { type Caller } from '../domain/people';
import { toProblem } from '../http/problems';
import type { AccessRole } from '../domain/cu';
import { html, type Html } from '../domain/html';
import { page } from './layout';

export interface PageContext {
  req: Request;
  res: Response;
  caller: Caller;
}

export type PageResult = { title: string; body: Html; status?: number } | { redirect: string };

export function pageRoute(access: AccessOptions, roles: AccessRole[], handle: (ctx: PageContext) => Promise<PageResult>): RequestHandler {
  return async (req, res) => {
    const started = performance.now();
    let caller: Caller | undefined;
    try {
      if (req.method === 'POST' && !sameOrigin(req)) {
        res.status(403).type('html').send(errorPage('Formularen kom fra et andet websted', 'Indlæs siden igen, og prøv en gang til.'));
        return;
      }
      caller = await authenticate(req, access);
      if (!roles.includes(caller.role)) {
        res
          .status(403)
          .type('html')
          .send(errorPage('Ingen adgang', 'Din adgang omfatter ikke denne side.', caller));
        return;
      }
      const result = await handle({ req, res, caller });
      if ('redirect' in result) return void res.redirect(303, result.redirect);
      const body = page({ title: result.title, caller, body: result.body });
      // The server's time for the page, as the browser's navigation timing shows it (and the pages benchmark reads).
      res.setHeader('Server-Timing', `side;dur=${(performance.now() - started).toFixed(1)}`);
      res
        .status(result.status ?? 200)
        .type('html')
        .send(body);
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status === 401) {
        res
          .status(401)
          .type('html')
          .send(
            errorPage(
              'Log ind for at fortsætte',
              html`${problem.detail ?? ''}. Brug det seneste link fra din e-mail, eller <a href="/login">log ind</a>.`,
            ),
          );
        return;
      }
      if (problem.status >= 500 && problem.status !== 503) console.error(`[web] ${(err as Error)?.name}: ${(err as Error)?.message}`);
      for (const [name, value] of Object.entries(problem.headers)) if (name === 'Retry-After') res.setHeader(name, value);
      res
        .status(problem.status)
        .type('html')
        .send(errorPage(problem.title, problem.detail ?? '', caller));
    }
  };
}

export function errorPage(title: string, detail: string | Html, caller?: Caller): string {
  return page({ title, caller, body: html`<h1>${title}</h1><p>${detail}</p><p><a href="/">Til forsiden</a></p>` });
}

export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (!origin) return true; // not a browser's cross-site form: those always say where they come from
  return URL.canParse(origin) && new URL(origin).host === req.get('host');
}
