// A delivery's HTTP: internal addresses refused (literal, or a name resolving to one) unless
// allowed; a redirect is a failure, not followed; an endpoint that does not answer is given up on
// after 10 seconds; the signature verifies under the library's verifier with either secret.
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addressGuard } from '../../activities/webhooks/address-guard';
import { postEvent } from '../../activities/webhooks/post';
import { newWebhookSecret, signWebhook } from '../../crypto/webhook-signing';

let server: Server;
let port = 0;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
    else if (req.url === '/silent')
      return; // never answers
    else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

test('loopback, private, link-local, shared and mapped addresses are refused; public ones and allowed ones pass', () => {
  const guard = addressGuard([]);
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.0.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::5',
    '::ffff:127.0.0.1',
    '[::1]',
  ])
    expect(guard.refuse(a), a).toBeDefined();
  for (const a of ['93.184.216.34', '2a00:1450:4001::1', '8.8.8.8']) expect(guard.refuse(a), a).toBeUndefined();
  const allowing = addressGuard(['127.0.0.1', '10.0.0.0/8']);
  expect(allowing.refuse('127.0.0.1')).toBeUndefined();
  expect(allowing.refuse('10.9.9.9')).toBeUndefined();
  expect(allowing.refuse('127.0.0.2')).toBeDefined();
});

test('a name that resolves to loopback is refused at connection time, and nothing reaches the server', async () => {
  const before = hits.length;
  const outcome = await postEvent(`http://localhost:${port}/x`, '{}', {}, addressGuard([]));
  expect(outcome).toMatchObject({ ok: false });
  expect(!outcome.ok && outcome.error).toContain('intern adresse');
  const literal = await postEvent(`http://127.0.0.1:${port}/x`, '{}', {}, addressGuard([]));
  expect(literal.ok).toBe(false);
  expect(hits.length).toBe(before);
});

test('allowed: delivered; a redirect is not followed; no answer in 10 seconds is a failure', async () => {
  const guard = addressGuard(['127.0.0.1']);
  expect(await postEvent(`http://127.0.0.1:${port}/ok`, '{}', {}, guard)).toEqual({ ok: true, status: 204 });
  const redirected = await postEvent(`http://127.0.0.1:${port}/redirect`, '{}', {}, guard);
  expect(redirected).toMatchObject({ ok: false, status: 302 });
  expect(hits).not.toContain('/elsewhere');
  const started = Date.now();
  const silent = await postEvent(`http://127.0.0.1:${port}/silent`, '{}', {}, guard);
  expect(silent).toEqual({ ok: false, error: 'Intet svar inden for 10 sekunder' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
}, 20_000);

test('signed with two secrets during a rotation, each verifies with the library; a changed body does not', () => {
  const [old, current] = [newWebhookSecret(), newWebhookSecret()];
  const body = JSON.stringify({ id: 'e1', type: 'dk.udmeld.submitted' });
  const headers = signWebhook([current, old], 'msg_e1', new Date(), body);
  expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
  expect(() => new Webhook(old).verify(body, { ...headers })).not.toThrow();
  expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
  expect(() => new Webhook(current).verify(body.replace('e1', 'e2'), { ...headers })).toThrow();
  expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
});
