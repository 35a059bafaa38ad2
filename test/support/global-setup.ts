// One dev server and one time-skipping server for the whole run, and the workflow bundle built once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';
import { startDevServer, startTimeSkippingServer, type RunningServer } from '../../scripts/temporal-servers';
import { bundleWorkflows } from '../../worker/bundle';
import { freePort } from './ports';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
    timeSkippingAddress: string;
    /** A second time-skipping server, so a fault test can skip time without disturbing another file. */
    faultTimeSkippingAddress: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'udmeld-test-'));
  const [devServer, timeSkipping, faultTimeSkipping, bundle] = await Promise.all([
    startDevServer({ port: await freePort() }),
    startTimeSkippingServer(await freePort()),
    startTimeSkippingServer(await freePort()),
    bundleWorkflows(),
  ]);
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('devServerAddress', devServer.address);
  project.provide('timeSkippingAddress', timeSkipping.address);
  project.provide('faultTimeSkippingAddress', faultTimeSkipping.address);
  project.provide('workflowBundlePath', bundlePath);
  const servers: RunningServer[] = [devServer, timeSkipping, faultTimeSkipping];
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
