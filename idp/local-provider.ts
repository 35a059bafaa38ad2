// The embedded OpenID provider of a local run (panva's oidc-provider, mounted at /idp): a few demo
// people, chosen on a Danish page, no passwords. It only runs where no provider is configured and
// udmeld is reached on localhost (or LOCAL_IDP=true); its state lives in this process's memory.
import { generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { ClaimMapping } from '../domain/people';
import { memoryAdapter } from './memory-adapter';
import { html } from '../domain/html';
import { page } from '../web/layout';
import { errorPage } from '../web/page-route';

export interface LocalPerson {
  id: string;
  name: string;
  email: string;
  /** The udmeld role the provider's groups claim gives, if any. */
  role?: 'secretariat' | 'director';
  description: string;
}

export const LOCAL_PEOPLE: readonly LocalPerson[] = [
  { id: 'sara', name: 'Sara Sekretariat', email: 'sara@sekretariat.udmeld.invalid', role: 'secretariat', description: 'Sekretariatet' },
  { id: 'simon', name: 'Simon Sekretariat', email: 'simon@sekretariat.udmeld.invalid', role: 'secretariat', description: 'Sekretariatet' },
  {
    id: 'dorte',
    name: 'Dorte Direktør',
    email: 'dorte@socialdirektoerforum.udmeld.invalid',
    role: 'director',
    description: 'Socialdirektør, medlem af Socialdirektørforum',
  },
  {
    id: 'kim',
    name: 'Kim Kontakt',
    email: 'kontakt.odense@demo.udmeld.invalid',
    description: 'Kontaktperson i Odense Kommune (for links, der kræver log ind)',
  },
  {
    id: 'rasmus',
    name: 'Rasmus Uden Rolle',
    email: 'rasmus@kommune.udmeld.invalid',
    description: 'Har ingen rolle i udmeld og bliver afvist',
  },
];

export const LOCAL_CLIENT_ID = 'udmeld';

export interface LocalProvider {
  router: Router;
  clientSecret: string;
}

export function localProvider(options: {
  issuer: string;
  redirectUri: string;
  cookieSecret: Buffer;
  mapping: ClaimMapping;
}): LocalProvider {
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const groupsOf = (p: LocalPerson) =>
    p.role === 'secretariat' ? options.mapping.secretariat.slice(0, 1) : p.role === 'director' ? options.mapping.director.slice(0, 1) : [];
  const provider = new Provider(options.issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'local', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [Buffer.from(hkdfSync('sha256', options.cookieSecret, Buffer.alloc(0), 'udmeld-local-idp', 32)).toString('base64')] },
    claims: { openid: ['sub'], profile: ['name', options.mapping.roleClaim], email: ['email', 'email_verified'] },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const person = LOCAL_PEOPLE.find((p) => p.id === id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: person.name,
          email: person.email,
          email_verified: true,
          [options.mapping.roleClaim]: groupsOf(person),
        }),
      };
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${new URL(options.issuer).pathname}/interaction/${interaction.uid}`,
    },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    // udmeld is the provider's only client: it gets what it asks for without a consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      const clientId = client?.clientId;
      const accountId = session?.accountId;
      if (!session || !clientId || !accountId) return undefined;
      const existing = session.grantIdFor(clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      session.grantIdFor(clientId, grant.jti);
      return grant;
    },
    async renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) {
      ctx.type = 'html';
      ctx.body = errorPage('Log ind mislykkedes', `${out.error_description ?? out.error}. Gå til forsiden, og prøv igen.`);
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  });

  const router = Router();
  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      res.type('html').send(
        page({
          title: 'Vælg en testperson',
          body: html`<h1>Vælg en testperson</h1>
<p>Dette er udmelds lokale testlogin. I drift logger man ind via sin organisations login (fx en kommunal identitetsbroker), og denne side findes ikke.</p>
<ul class="people">${LOCAL_PEOPLE.map(
            (
              p,
            ) => html`<li><form method="post" action="${req.baseUrl}/interaction/${details.uid}/login"><input type="hidden" name="person" value="${p.id}">
<button type="submit">${p.name}</button> <span>${p.description}</span></form></li>`,
          )}</ul>`,
        }),
      );
    } catch (err) {
      expired(res, err, next);
    }
  });
  router.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const person = LOCAL_PEOPLE.find((p) => p.id === (req.body as Record<string, unknown>).person);
      if (!person) return void res.status(400).type('html').send(errorPage('Ukendt testperson', 'Vælg en af personerne på listen.'));
      await provider.interactionFinished(req, res, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
    } catch (err) {
      expired(res, err, next);
    }
  });
  router.use(provider.callback());
  return { router, clientSecret };
}

/** An unknown or expired interaction (the provider's own 4xx errors) is the person's to retry. */
function expired(res: express.Response, err: unknown, next: express.NextFunction) {
  const status = (err as { statusCode?: number }).statusCode;
  if (!status || status >= 500) return next(err);
  res
    .status(status)
    .type('html')
    .send(errorPage('Log ind er udløbet', 'Siden er udløbet eller ugyldig. Gå til forsiden, og log ind igen.'));
}
