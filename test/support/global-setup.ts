// One dev server, two time-skipping servers and one PostgreSQL server for the whole run, and the
// workflow bundle built once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';
import { startPostgres } from '../../scripts/postgres-server';
import { startDevServer, startTimeSkippingServer, type RunningServer } from '../../scripts/temporal-servers';
import { bundleWorkflows } from '../../worker/bundle';
import { freePort } from '../../scripts/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
    timeSkippingAddress: string;
    /** A second time-skipping server, so two files can skip time without disturbing each other. */
    secondTimeSkippingAddress: string;
    workflowBundlePath: string;
    /** The test PostgreSQL server's `postgres` database, as superuser: tests make their own databases. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'udmeld-test-'));
  const [devServer, timeSkipping, secondTimeSkipping, postgres, bundle] = await Promise.all([
    startDevServer({ port: await freePort() }),
    startTimeSkippingServer(await freePort()),
    startTimeSkippingServer(await freePort()),
    startPostgres({ port: await freePort(), fast: true }),
    bundleWorkflows(),
  ]);
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('devServerAddress', devServer.address);
  project.provide('timeSkippingAddress', timeSkipping.address);
  project.provide('secondTimeSkippingAddress', secondTimeSkipping.address);
  project.provide('workflowBundlePath', bundlePath);
  project.provide('postgresAdminUrl', postgres.adminUrl);
  const servers: Pick<RunningServer, 'stop'>[] = [devServer, timeSkipping, secondTimeSkipping, postgres];
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
