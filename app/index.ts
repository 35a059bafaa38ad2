// The application: every command and read of udmeld, one function each, taking its input and who
// is asking. The API's routes and the pages parse and render around it; tests, scripts and the
// benchmarks drive udmeld through it. Commands go to the workflows (Temporal decides who may act
// now); reads come from the record (PostgreSQL), which outlives them.
import { accessCommands } from './access-admin';
import { answerCommands } from './answers';
import { approvalCommands } from './approval';
import { appContext, type AppDeps } from './context';
import { cuCommands } from './cu';
import { downloadCommands } from './downloads';
import { readCommands, recordReads } from './reads';
import { registerCommands } from './register';
import { roundCommands } from './round';
import { templateCommands } from './templates';
import { scheduleCommands } from './schedules';
import { agreementCommands } from './agreement';
import { personalDataCommands } from './personal-data';
import { maintenanceCommands } from './maintenance';
import { eventCommands } from './events';
import { webhookCommands } from './webhooks';
import { meetingCommands } from './meetings';
import { calendarFeedCommands } from './calendar-feeds';
import { searchCommands } from './search';

export function createUdmeld(deps: AppDeps) {
  const ctx = appContext(deps);
  const reads = recordReads(ctx);
  const read = readCommands(ctx, reads);
  return {
    ...cuCommands(ctx, reads),
    ...roundCommands(ctx, reads),
    ...approvalCommands(ctx),
    ...answerCommands(ctx),
    ...read,
    ...downloadCommands(ctx, reads, read),
    ...registerCommands(ctx),
    ...accessCommands(ctx),
    ...templateCommands(ctx),
    ...scheduleCommands(ctx),
    ...agreementCommands(ctx),
    ...personalDataCommands(ctx),
    ...maintenanceCommands(ctx),
    ...eventCommands(ctx),
    ...webhookCommands(ctx),
    ...meetingCommands(ctx),
    ...calendarFeedCommands(ctx),
    ...searchCommands(ctx),
    /** The Temporal client and the record, for health checks and operators' tools. */
    client: deps.client,
    db: deps.db,
    /** A CU's workflow, for tests and operators (queries, histories). */
    cuHandle: (cuId: string) => ctx.cuHandle(cuId),
  };
}

export type Udmeld = ReturnType<typeof createUdmeld>;
export type { AppDeps };
