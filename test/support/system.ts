// The one set-up most test files share: a harness (the real workflows on a Temporal server, a record
// of its own), and as asked a real SMTP server receiving the e-mails and the API on a free port.
// Declared at the top of a file; what it returns is usable inside the file's tests.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../config';
import { TestSmtpServer } from '../../fixtures/smtp-server';
import { freePort } from '../../scripts/ports';
import { startDevServer } from '../../scripts/temporal-servers';
import { startApi, type TestApi } from './api';
import type { DatabaseKind } from './database';
import { devServerHarness, testConfig, timeSkippingHarness, type Harness } from './temporal';

export interface SystemOptions {
  /** A real SMTP server receiving every e-mail (otherwise they stay in the outbox). */
  smtp?: boolean;
  /** The API (and pages) on a free port. */
  api?: boolean;
  /** The time-skipping server (first or second of the run) instead of the dev server. */
  timeSkipping?: 'first' | 'second';
  database?: DatabaseKind;
  /** Changes to the test configuration before anything starts (a smaller workflow cache, say). */
  configure?: (config: Config) => void;
  /** A dev server of the file's own with the Temporal Web UI, as `npm start` runs it, and the API at localhost. */
  temporalUi?: boolean;
}

export interface TestSystem {
  h: Harness;
  smtp: TestSmtpServer;
  api: TestApi;
  /** The time-skipping server's environment (with `timeSkipping`): its clock, and time to skip. */
  env: TestWorkflowEnvironment;
  /** The Web UI's address (with `temporalUi`). */
  temporalUi: { url: string };
}

/** Starts the parts before the file's tests and stops them after; each is there once its `beforeAll` ran. */
export function useSystem(options: SystemOptions = {}): TestSystem {
  const parts: Partial<TestSystem> = {};
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    if (options.smtp) parts.smtp = await TestSmtpServer.start();
    const config = testConfig(parts.smtp ? { smtpUrl: parts.smtp.url } : {});
    options.configure?.(config);
    const database = options.database ? { database: options.database } : {};
    const apiAt = options.temporalUi ? { port: await freePort(), host: 'localhost' } : {};
    if (options.temporalUi) {
      const server = await startDevServer({
        port: await freePort(),
        ui: { port: await freePort(), udmeld: `http://127.0.0.1:${apiAt.port}` },
      });
      parts.temporalUi = { url: server.uiUrl ?? '' };
      stops.push(() => server.stop());
      parts.h = await devServerHarness(config, { ...database, address: server.address });
    } else if (options.timeSkipping) {
      const harness = await timeSkippingHarness(config, { ...database, server: options.timeSkipping });
      parts.h = harness;
      parts.env = harness.env;
    } else parts.h = await devServerHarness(config, database);
    if (options.api) parts.api = await startApi(parts.h.udmeld, parts.h.config, apiAt);
  });
  afterAll(async () => {
    await parts.api?.close();
    await parts.h?.stop();
    await parts.smtp?.down();
    for (const stop of stops) await stop();
  });
  const started = <K extends keyof TestSystem>(name: K): TestSystem[K] =>
    lazy(() => {
      const part = parts[name];
      if (!part) throw new Error(`The test system's ${name} is not started (useSystem({ ${name}: true }), used inside a test)`);
      return part;
    });
  return { h: started('h'), smtp: started('smtp'), api: started('api'), env: started('env'), temporalUi: started('temporalUi') };
}

/** An object that stands for one made later: every property is read from it when used. */
function lazy<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_, name) => {
      const target = get();
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
