// A test environment on a time-skipping server that is already running (global-setup, or a
// benchmark, starts the JVM itself: it can take longer than the SDK's spawn timeout).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { dataConverterOf, type Config } from '../config';

/** `create` is the SDK's own constructor path, not exported in its typings. */
export async function timeSkippingEnv(config: Config, address: string): Promise<TestWorkflowEnvironment> {
  const sdk = TestWorkflowEnvironment as unknown as { create(this: void, opts: object): Promise<TestWorkflowEnvironment> };
  return sdk.create({
    server: { type: 'existing' },
    address,
    namespace: 'default',
    supportsTimeSkipping: true,
    client: { dataConverter: dataConverterOf(config) },
  });
}
