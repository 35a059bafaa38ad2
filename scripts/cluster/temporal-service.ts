// The Temporal service as docker-compose runs it: the same steps as `npm run cluster` (schemas from
// the server module's own files, one process running all four services, the namespace and udmeld's
// search attributes registered before any worker connects), configured from the environment and
// listening on Temporal's usual ports. Writes TEMPORAL_READY_FILE once workers may connect.
import { rmSync, writeFileSync } from 'node:fs';
import { z } from '../../domain/zod';
import { stopOnSignals } from '../process';
import { startTemporalServer } from './temporal-server';

const env = z
  .object({
    TEMPORAL_POSTGRES_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string of a role that may create databases'),
    TEMPORAL_HOST: z.string().default('0.0.0.0'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    TEMPORAL_HOME: z.string().default('/var/lib/temporal'),
    TEMPORAL_READY_FILE: z.string().default('/tmp/temporal-ready'),
  })
  .parse(process.env);

rmSync(env.TEMPORAL_READY_FILE, { force: true });
const server = await startTemporalServer({
  postgresAdminUrl: env.TEMPORAL_POSTGRES_URL,
  dir: env.TEMPORAL_HOME,
  host: env.TEMPORAL_HOST,
  standardPorts: true,
  namespace: env.TEMPORAL_NAMESPACE,
  retentionDays: env.TEMPORAL_RETENTION_DAYS,
  logToOutput: true,
});
writeFileSync(env.TEMPORAL_READY_FILE, `${server.address}\n`);
console.log(`Temporal ready on ${env.TEMPORAL_HOST}:7233, namespace ${server.namespace}`);

stopOnSignals(async () => {
  rmSync(env.TEMPORAL_READY_FILE, { force: true });
  await server.stop();
});
server.process.once('exit', (code) => process.exit(code ?? 1));
