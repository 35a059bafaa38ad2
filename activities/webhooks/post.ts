// One delivery over HTTP: a POST of the event with its signature headers, to an address the guard
// allows, answered within 10 seconds. A redirect is not followed (it counts as a failure), and of
// the answer only its status is read.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AddressGuard } from './address-guard';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type PostOutcome = { ok: true; status: number } | { ok: false; status?: number; error: string };

export function postEvent(url: string, body: string, headers: Record<string, string>, guard: AddressGuard): Promise<PostOutcome> {
  const target = new URL(url);
  const literal = isIP(target.hostname.replace(/^\[|\]$/g, '')) ? guard.refuse(target.hostname) : undefined;
  if (literal) return Promise.resolve({ ok: false, error: literal });
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        lookup: guard.lookup,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'udmeld-webhooks/1',
          ...headers,
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('error', () => undefined);
        if (status >= 200 && status < 300) resolve({ ok: true, status });
        else if (status >= 300 && status < 400) resolve({ ok: false, status, error: `Omdirigering (${status}) følges ikke` });
        else resolve({ ok: false, status, error: `Modtageren svarede ${status}` });
      },
    );
    req.on('error', (err) =>
      resolve({
        ok: false,
        error: err.name === 'AbortError' || err.name === 'TimeoutError' ? 'Intet svar inden for 10 sekunder' : err.message,
      }),
    );
    req.end(body);
  });
}
