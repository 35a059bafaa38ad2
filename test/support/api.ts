// The real Express app on a free port, talking to the test's Temporal, and a small fetch helper.
import type { Server } from 'node:http';
import { createApp } from '../../server/app';
import { ACCESS_PARAM } from '../../crypto/links';
import type { Udmeld } from '../../app';
import type { Config } from '../../config';
import { freePort } from '../../scripts/ports';
import { contactsFor } from '../../fixtures/round';
import type { ReceivedMail } from '../../fixtures/smtp-server';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApi {
  url: string;
  call<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** The API on a free port (or `port`), addressed as 127.0.0.1 (or `host`, as `localhost` for a browser that shares its cookies with the Web UI). */
export async function startApi(udmeld: Udmeld, config: Config, at: { port?: number; host?: string } = {}): Promise<TestApi> {
  const port = at.port ?? (await freePort());
  const url = `http://${at.host ?? '127.0.0.1'}:${port}`;
  config.http.publicUrl = url;
  const server: Server = createApp({ udmeld, config }).listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url,
    async call(method, path, { token, body, raw, headers = {} } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The access token in the first link of an e-mail. */
export function tokenFromMail(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  const token = link ? new URL(link).searchParams.get(ACCESS_PARAM) : null;
  if (!token) throw new Error(`No access link in "${mail.subject}"`);
  return token;
}

/** A secretariat session through the break-glass sign-in (BREAK_GLASS_CREDENTIAL is set in tests). */
export async function signInSecretariat(api: Pick<TestApi, 'call'>, credential: string): Promise<string> {
  const response = await api.call('POST', '/api/auth/break-glass', { body: { credential } });
  if (response.status !== 200) throw new Error(`Break-glass sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}

/** Puts the municipalities' test contacts in the register through the API, as the secretariat; each must take. */
export async function putContacts(api: TestApi, token: string, codes: string[]): Promise<void> {
  for (const [code, contacts] of Object.entries(contactsFor(codes))) {
    const put = await api.call('PUT', `/api/contacts/${code}`, { token, body: contacts });
    if (put.status !== 200) throw new Error(`PUT /api/contacts/${code}: ${put.status} ${JSON.stringify(put.body)}`);
  }
}
