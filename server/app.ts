import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { guardedSignIn, guessingGuard } from '../auth/guessing';
import { sql } from 'kysely';
import type { Udmeld } from '../app';
import { Download } from '../app/downloads';
import { payloadCodecOf, signingKeysOf, type Config } from '../config';
import { codecRouter } from '../api/codec-endpoint';
import { ACCESS_PARAM } from '../crypto/links';
import { authenticate, type AccessOptions } from '../auth/authenticate';
import { relyingParty, type RelyingParty } from '../auth/oidc';
import { signIn as createSignIn } from '../auth/sign-in';
import type { ClaimMapping } from '../domain/people';
import { LOCAL_CLIENT_ID, localProvider, type LocalProvider } from '../idp/local-provider';
import { docsPage, DOCS_STYLE } from '../api/docs-page';
import { tooDeep } from '../api/json-depth';
import { contentSecurityPolicy, securityHeaders } from '../http/security';
import { openApiDocument } from '../api/openapi';
import { HttpProblem, problemHandler, sendProblem } from '../http/problems';
import type { Route } from '../api/route';
import { routes } from '../api/routes';
import { activeKey } from '../crypto/key-ring';
import { webRouter } from '../web/router';

export interface AppDeps {
  udmeld: Udmeld;
  config: Config;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function assemble({ udmeld, config }: AppDeps) {
  const keys = signingKeysOf(config);
  const access: AccessOptions = {
    keys,
    db: udmeld.db,
    linkSignInRoles: config.auth.oidc ? config.auth.linkSignInRoles : [],
    guard: guessingGuard(udmeld.db, config.auth.guessing),
  };
  const identity = identityProvider(config, activeKey(keys));
  const signIn = createSignIn({ db: udmeld.db, access, config, ...identity });
  return { access, identity, signIn, table: routes(udmeld, signIn) };
}

/** The API's routes as the app serves them (for tests that walk every route). */
export const routeTable = (deps: AppDeps): Route[] => assemble(deps).table;

export function createApp(deps: AppDeps): express.Express {
  const { udmeld, config } = deps;
  const app = express();
  const { access, identity, signIn, table } = assemble(deps);

  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use(express.json({ limit: '256kb', strict: true }));
  app.use((req, _res, next) => {
    const deep = tooDeep(req.body);
    next(deep ? new HttpProblem(400, 'Ugyldige oplysninger', `${deep.path}: ${deep.message}`, [deep]) : undefined);
  });

  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ready', async (_req, res) => {
    const [temporal, database] = await Promise.all([
      udmeld.client
        .withDeadline(Date.now() + 2000, () => udmeld.client.connection.workflowService.getSystemInfo({}))
        .then(
          () => true,
          () => false,
        ),
      sql`select 1`.execute(udmeld.db).then(
        () => true,
        () => false,
      ),
    ]);
    if (temporal && database) return void res.json({ status: 'ok', temporal: 'ok', database: 'ok' });
    const down = [temporal ? '' : 'Temporal', database ? '' : 'databasen'].filter(Boolean).join(' og ');
    sendProblem(res, new HttpProblem(503, 'Ikke klar', `${down} kan ikke nås`, [], { 'Retry-After': '5' }));
  });
  const document = openApiDocument(table, config.http.publicUrl);
  app.get('/openapi.json', (req, res, next) => void sendJson(req, res, 200, document).catch(next));
  const docs = docsPage(table);
  const docsPolicy = contentSecurityPolicy([DOCS_STYLE]);
  app.get('/docs', (_req, res) => void res.type('html').setHeader('Content-Security-Policy', docsPolicy).send(docs));

  if (identity.local) app.use('/idp', identity.local.router);
  if (access.guard) {
    app.post('/api/auth/break-glass', guardedSignIn(access.guard, 'nødadgang'));
    app.post('/login/noedadgang', guardedSignIn(access.guard, 'nødadgang'));
  }
  app.use(codecRouter(payloadCodecOf(config), access, config.codecCorsOrigins));
  app.use(otherMethods(table));
  for (const route of table) {
    // A file's bytes as they come, whatever their stated type (the application tells the type by content).
    const body = route.upload ? [express.raw({ type: () => true, limit: route.upload.maxBytes })] : [];
    app[route.method](route.path, ...body, handler(route, access));
  }
  app.use(webRouter(udmeld, access, config, signIn));

  app.use((_req, _res, next) => next(new HttpProblem(404, 'Findes ikke', 'Adressen findes ikke i udmeld')));
  app.use(problemHandler);
  return app;
}

function handler(route: Route, access: AccessOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const caller = route.roles === 'public' ? undefined : await authenticate(req, access);
      const key = req.get('idempotency-key');
      if (key !== undefined && (!route.idempotent || !IDEMPOTENCY_KEY.test(key))) {
        throw new HttpProblem(
          400,
          'Ugyldige oplysninger',
          'Idempotency-Key skal være 8-100 tegn (bogstaver, tal, . _ : -) og bruges kun ved handlinger',
        );
      }
      const { [ACCESS_PARAM]: _, ...query } = req.query as Record<string, unknown>;
      const result = await route.run({
        ...(caller ? { caller } : {}),
        params: req.params,
        query,
        body: route.upload ? {} : req.body,
        ...(route.upload && Buffer.isBuffer(req.body) ? { file: req.body } : {}),
        ...(key ? { updateId: `${route.method}:${route.path}:${key}` } : {}),
      });
      if (result instanceof Download) {
        if (result.inlineStyles.length) res.setHeader('Content-Security-Policy', contentSecurityPolicy(result.inlineStyles));
        res
          .status(200)
          .type(result.contentType)
          .setHeader('Content-Disposition', `${result.inline ? 'inline' : 'attachment'}; filename="${result.filename}"`)
          .send(result.body);
        return;
      }
      await sendJson(req, res, route.created ? 201 : 200, result);
    } catch (err) {
      next(err);
    }
  };
}

/**
 * A method an address does not have: 405 with the methods it has (OPTIONS asks for just those). An
 * address is the route's whose path matches it with the fewest parameters, so `PUT
 * /api/contacts/import` is a method the import lacks, not a contact with the code "import".
 */
function otherMethods(table: Route[]): RequestHandler {
  const paths = new Map<string, string[]>();
  for (const route of table) paths.set(route.path, [...(paths.get(route.path) ?? []), route.method.toUpperCase()]);
  const addresses = [...paths]
    .map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
      parameters: path.split(':').length - 1,
      methods,
      allow: [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', '),
    }))
    .sort((a, b) => a.parameters - b.parameters);
  return (req, res, next) => {
    const address = addresses.find((a) => a.pattern.test(req.path));
    if (
      !address ||
      (address.methods.includes(req.method) && req.method !== 'OPTIONS') ||
      (req.method === 'HEAD' && address.methods.includes('GET'))
    )
      return next();
    if (req.method === 'OPTIONS') return void res.setHeader('Allow', address.allow).sendStatus(204);
    next(
      new HttpProblem(405, 'Metoden kan ikke bruges', `${req.method} kan ikke bruges her; adressen tager ${address.allow}`, [], {
        Allow: address.allow,
      }),
    );
  };
}

/** The relying party for the configured provider, or for the embedded one (mounted at /idp). */
function identityProvider(config: Config, secret: Buffer): { relyingParty?: RelyingParty; mapping?: ClaimMapping; local?: LocalProvider } {
  const oidc = config.auth.oidc;
  if (!oidc) return {};
  const redirectUri = `${config.http.publicUrl}/login/callback`;
  if (oidc.kind === 'configured') {
    return {
      relyingParty: relyingParty({
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        ...(oidc.clientSecret ? { clientSecret: oidc.clientSecret } : {}),
        scopes: oidc.scopes,
        ...(oidc.prompt ? { prompt: oidc.prompt } : {}),
        redirectUri,
      }),
      mapping: oidc.mapping,
    };
  }
  const issuer = `${config.http.publicUrl}/idp`;
  const local = localProvider({ issuer, redirectUri, cookieSecret: secret, mapping: oidc.mapping });
  return {
    relyingParty: relyingParty({
      issuer,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: local.clientSecret,
      scopes: oidc.scopes,
      prompt: oidc.prompt,
      redirectUri,
    }),
    mapping: oidc.mapping,
    local,
  };
}

/**
 * A result as JSON text. The application hands out the same object while it is current (the
 * directors' overview between two changes of the record), so its text is made once, not per request;
 * so is a large answer's gzip, for the clients that accept it (off the event loop, in zlib's threads).
 */
const texts = new WeakMap<object, string>();
const gzipped = new WeakMap<object, Promise<Buffer>>();
// Below this, compressing and unpacking cost the client more than the bytes saved: the overview of 100
// registered CUs (25 KB) took 59–74 ms gzipped against 39–41 ms plain at 50 concurrent clients (docs/benchmarks.md).
const COMPRESS_FROM_CHARS = 64 * 1024;
const gzipText = promisify(gzip);

function serialized(result: unknown): string {
  if (typeof result !== 'object' || result === null) return JSON.stringify(result) ?? 'null';
  const known = texts.get(result);
  if (known !== undefined) return known;
  const text = JSON.stringify(result);
  texts.set(result, text);
  return text;
}

async function sendJson(req: Request, res: Response, status: number, result: unknown): Promise<void> {
  const text = serialized(result);
  res.status(status).type('json');
  if (text.length < COMPRESS_FROM_CHARS || req.acceptsEncodings('gzip') !== 'gzip') return void res.send(text);
  let body = typeof result === 'object' && result !== null ? gzipped.get(result) : undefined;
  if (!body) {
    body = gzipText(text);
    if (typeof result === 'object' && result !== null) gzipped.set(result, body);
  }
  res
    .setHeader('Content-Encoding', 'gzip')
    .setHeader('Vary', 'Accept-Encoding')
    .send(await body);
}
