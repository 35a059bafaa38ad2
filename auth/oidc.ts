// udmeld as an OpenID Connect relying party: the authorization code flow with PKCE (openid-client)
// against the configured provider or the embedded one. The provider's metadata is discovered on first
// use and again after a failure.
import * as oidc from 'openid-client';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  prompt?: string;
  redirectUri: string;
}

/** What udmeld keeps between sending the browser to the provider and its return. */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
}

export interface Identity {
  issuer: string;
  subject: string;
  name: string;
  /** Only when the provider does not say the address is unverified. */
  email?: string;
  claims: Record<string, unknown>;
}

export interface RelyingParty {
  begin(): Promise<{ url: string; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<Identity>;
}

export function relyingParty(options: RelyingPartyOptions): RelyingParty {
  let discovered: Promise<oidc.Configuration> | undefined;
  const insecure = new URL(options.issuer).protocol === 'http:';
  const configuration = () =>
    (discovered ??= oidc
      .discovery(
        new URL(options.issuer),
        options.clientId,
        options.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));

  return {
    async begin() {
      const config = await configuration();
      const pending: PendingSignIn = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ...(options.prompt ? { prompt: options.prompt } : {}),
      });
      return { url: url.href, pending };
    },

    async finish(callbackUrl, pending) {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('The identity provider gave no ID token');
      let userInfo: Record<string, unknown> = {};
      try {
        userInfo = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
      } catch {
        // Some providers put everything in the ID token and offer no userinfo endpoint.
      }
      const claims: Record<string, unknown> = { ...userInfo, ...idClaims };
      const text = (name: string) => {
        const value = claims[name];
        return typeof value === 'string' && value.trim() ? value.trim() : undefined;
      };
      const name =
        text('name') ??
        ([text('given_name'), text('family_name')].filter(Boolean).join(' ') ||
          text('preferred_username') ||
          text('email') ||
          idClaims.sub);
      const email = claims.email_verified === false ? undefined : text('email');
      return { issuer: idClaims.iss, subject: idClaims.sub, name: name.slice(0, 120), ...(email ? { email } : {}), claims };
    },
  };
}
