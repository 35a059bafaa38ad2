// Temporal stopped and restarted under a running API: reads keep coming from the record, commands
// get 503 with a retry hint meanwhile, and everything continues afterwards from the server's file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startDevServer, type RunningServer } from '../../scripts/temporal-servers';
import { addDays, copenhagenDate } from '../../domain/time';
import { startApi, type TestApi } from '../support/api';
import { signInSecretariat } from '../support/api';
import { freePort } from '../../scripts/ports';
import { devServerHarness, TEST_CREDENTIAL, testConfig, type Harness } from '../support/temporal';
import { eventually } from '../support/waiting';

let server: RunningServer | undefined;
let h: Harness | undefined;
let api: TestApi | undefined;
afterAll(async () => {
  await api?.close();
  await h?.stop();
  await server?.stop();
});

test('the API answers 503 while Temporal is down and recovers by itself', async () => {
  const port = await freePort();
  const dbFile = join(mkdtempSync(join(tmpdir(), 'udmeld-db-')), 'temporal.db');
  server = await startDevServer({ port, dbFile });
  const config = testConfig();
  config.temporalCallTimeoutMs = 3000;
  h = await devServerHarness(config, { address: server.address });
  api = await startApi(h.udmeld, config);
  const token = await signInSecretariat(api, TEST_CREDENTIAL);
  const today = copenhagenDate(Date.now());
  const cu = { id: 'genstart', title: 'Genstart af Temporal', targetGroup: 'Test', issuedOn: today, nationalDeadline: addDays(today, 100) };
  expect((await api.call('POST', '/api/cus', { token, body: cu })).status).toBe(201);

  await server.stop();
  // The record still answers reads; a command needs Temporal.
  expect((await api.call('GET', '/api/cus/genstart', { token })).body.phase).toBe('registered');
  const down = await api.call('PUT', '/api/cus/genstart', { token, body: { ...cu, title: 'Genstart af Temporal, rettet' } });
  expect(down.status).toBe(503);
  expect(down.headers.get('retry-after')).toBe('5');
  expect(down.body.title).toBe('Tjenesten er midlertidigt utilgængelig');
  expect((await api.call('GET', '/ready')).status).toBe(503);
  expect((await api.call('GET', '/health')).status).toBe(200);

  server = await startDevServer({ port, dbFile });
  await eventually(
    () => api!.call('GET', '/ready'),
    (r) => r.status === 200,
    60_000,
  );
  // The worker picked up again: an Update needs it.
  const edited = await eventually(
    () => api!.call('PUT', '/api/cus/genstart', { token, body: { ...cu, title: 'Genstart af Temporal, rettet' } }),
    (r) => r.status === 200,
    60_000,
  );
  expect(edited.body.phase).toBe('registered');
}, 180_000);
