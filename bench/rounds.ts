// Rounds launched and driven to completion on one worker against the dev server (100 rounds × 22
// municipalities by default), next to the same number of minimal rounds (bare child workflows with
// the same updates and activities, none of udmeld's logic). Each kind gets a fresh dev server, a
// fresh PostgreSQL and a fresh worker process, whose memory is read throughout.
//   BENCH_ROUNDS=100 BENCH_CONCURRENCY=8 by default; BENCH_PLAIN=1 leaves udmeld's payloads
//   unencrypted, to read a failing history.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { generateSigningKeys } from '../crypto/tokens';
import { createUdmeld } from '../app';
import { generatePayloadKey } from '../crypto/payload-encryption';
import { dataConverterOf, loadConfig, type Config } from '../config';
import { municipalitiesOfRegion, SYDDANMARK } from '../domain/municipalities';
import { addDays, copenhagenDate } from '../domain/time';
import { openDatabase } from '../db/connect';
import type { Db } from '../db/schema';
import { createDatabase, startPostgres, throughSocket } from '../scripts/postgres-server';
import { startDevServer } from '../scripts/temporal-servers';
import { AS_SECRETARIAT, launchRound, startCu } from '../fixtures/round';
import { freePort } from '../scripts/ports';
import { answerAll, approveAndSubmit } from './drive';
import { startProcess } from '../scripts/process';
import { cpuSecondsByThread, cpuSecondsOf, memoryOf, percentiles, pool, sleep } from './measure';
import { cost, throughput, type BenchResult } from './result';
import { bundleWorkflows, WORKFLOWS_PATH } from '../worker/bundle';
import { minimalRoundWorkflow, ping, type RoundShape } from './baseline-workflows';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CODES = municipalitiesOfRegion(SYDDANMARK);
const today = copenhagenDate(Date.now());
const DEADLINE = addDays(today, 90);

/** A udmeld round driven to the end: 22 submissions, forum, KKR, 23 councils, submission. */
const CU_UPDATES_AFTER_ROUND = 3 + CODES.length + 1 + 1;
const SHAPE: RoundShape = {
  children: CODES.length,
  childTimersMs: [76 * 86_400_000], // a child waits for its answer on a timer (the first reminder), as udmeld's do
  parentUpdates: CU_UPDATES_AFTER_ROUND,
  parentActivities: 1 + CODES.length + 1 + 1, // forum, council requests, submission
};

interface Kind {
  name: string;
  workflowsPath: string;
  childType: string;
  launch(i: number): Promise<void>;
  drive(i: number): Promise<void>;
}

function udmeldKind(client: Client, config: Config, db: Db): Kind {
  const udmeld = createUdmeld({ client, db, config: { ...config, temporalCallTimeoutMs: 120_000 } });
  const id = (i: number) => `bench-round-${i}`;
  return {
    name: 'udmeld round (CU + 22 municipality workflows)',
    workflowsPath: WORKFLOWS_PATH,
    childType: 'municipalityWorkflow',
    async launch(i) {
      await udmeld.registerCu(startCu(id(i), { issuedOn: today, nationalDeadline: addDays(today, 300) }), AS_SECRETARIAT);
      await launchRound(udmeld, id(i), CODES, DEADLINE);
    },
    async drive(i) {
      await answerAll(udmeld, id(i), CODES);
      await approveAndSubmit(udmeld, id(i), CODES, today);
      await udmeld.cuHandle(id(i)).result();
    },
  };
}

function minimalKind(client: Client, config: Config, _db: Db): Kind {
  const { taskQueue } = config.temporal;
  const id = (i: number) => `minimal-round-${i}`;
  return {
    name: 'minimal round (parent + 22 bare children)',
    workflowsPath: fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)),
    childType: 'minimalChildWorkflow',
    async launch(i) {
      const handle = await client.workflow.start(minimalRoundWorkflow, { workflowId: id(i), taskQueue, args: [SHAPE] });
      await handle.executeUpdate(ping, { args: [0] });
    },
    async drive(i) {
      for (const [c] of CODES.entries()) await client.workflow.getHandle(`${id(i)}:${c}`).executeUpdate(ping, { args: [c] });
      const parent = client.workflow.getHandle(id(i));
      for (let u = 0; u < SHAPE.parentUpdates; u++) await parent.executeUpdate(ping, { args: [u] });
      await parent.result();
    },
  };
}

async function run(make: (client: Client, config: Config, db: Db) => Kind) {
  const devServer = await startDevServer({ port: await freePort() });
  const postgres = await startPostgres({ port: await freePort() });
  const databaseUrl = throughSocket(postgres, await createDatabase(postgres.adminUrl, 'udmeld_bench'));
  const database = await openDatabase({ url: databaseUrl });
  const dataDir = mkdtempSync(join(tmpdir(), 'udmeld-bench-'));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: 'bench-rounds',
    DATA_DIR: dataDir,
    SIGNING_KEYS: generateSigningKeys('bench'),
    ...(process.env.BENCH_PLAIN ? {} : { PAYLOAD_KEYS: generatePayloadKey('bench') }),
  };
  const connection = await Connection.connect({ address: devServer.address });
  const config = loadConfig(env);
  const client = new Client({ connection, dataConverter: dataConverterOf(config) });
  const kind = make(client, config, database.db);
  const bundlePath = join(dataDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows(kind.workflowsPath)).code);
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const started0 = await startProcess('bench/worker.ts', { ...env, WORKFLOW_BUNDLE_PATH: bundlePath }, 'bench worker ready', {
    nodeArgs: ['--expose-gc'],
  });
  const worker = started0.child;
  const ask = async (command: string, answer: string) => {
    worker.stdin?.write(`${command}\n`);
    for (;;) {
      const line = await started0.lines.next();
      if (line.done) throw new Error('the worker closed its output');
      if (line.value.startsWith(answer)) return line.value;
    }
  };
  const liveHeap = async () =>
    JSON.parse(await ask('heap', '{"liveHeapMb"')) as { liveHeapMb: number; heapTotalMb: number; externalMb: number; rssAfterGcMb: number };
  const cpu = () => ({
    worker: cpuSecondsOf(worker.pid),
    temporal: cpuSecondsOf(devServer.process.pid),
    postgres: cpuSecondsOf(postgres.process.pid),
  });
  const cpuBefore = cpu();
  const threadsBefore = cpuSecondsByThread(worker.pid);
  let peakSampled = 0;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, memoryOf(worker.pid).rssMb)), 250);
  try {
    const idle = memoryOf(worker.pid);
    const rounds = [...Array(ROUNDS).keys()];
    const started = performance.now();
    const launches = await pool(rounds, CONCURRENCY, (i) => kind.launch(i));
    const openQuery = `WorkflowType="${kind.childType}" AND ExecutionStatus="Running"`;
    while ((await client.workflow.count(openQuery)).count < ROUNDS * CODES.length) await sleep(500);
    const launchedSeconds = (performance.now() - started) / 1000;
    await sleep(3000);
    const open = memoryOf(worker.pid);
    const openHeap = await liveHeap();
    const driveStarted = performance.now();
    const drives = await pool(rounds, CONCURRENCY, (i) => kind.drive(i));
    const driveSeconds = (performance.now() - driveStarted) / 1000;
    const totalSeconds = (performance.now() - started) / 1000;
    if (profileDir) await ask(`profile rounds-${kind.name.split(' ')[0]}`, '{"profiled"');
    const endHeap = await liveHeap();
    const cpuAfter = cpu();
    const cpuSeconds = Object.fromEntries(
      Object.entries(cpuAfter).map(([k, v]) => [k, +(v - cpuBefore[k as keyof typeof cpuBefore]).toFixed(1)]),
    );
    const workerThreads = Object.fromEntries(
      Object.entries(cpuSecondsByThread(worker.pid)).map(([k, v]) => [k, +(v - (threadsBefore[k] ?? 0)).toFixed(1)]),
    );
    return {
      kind: kind.name,
      rounds: ROUNDS,
      childWorkflows: ROUNDS * CODES.length,
      launch: {
        ...percentiles(launches),
        seconds: +launchedSeconds.toFixed(1),
        childStartsPerSecond: +((ROUNDS * CODES.length) / launchedSeconds).toFixed(1),
      },
      drive: { ...percentiles(drives), seconds: +driveSeconds.toFixed(1) },
      totalSeconds: +totalSeconds.toFixed(1),
      cpuSeconds,
      workerThreads,
      roundsPerMinute: +((ROUNDS / totalSeconds) * 60).toFixed(1),
      workerMemory: {
        idleMb: idle.rssMb,
        allChildrenOpenMb: open.rssMb,
        allChildrenOpenAfterGc: openHeap,
        peakMb: Math.max(peakSampled, memoryOf(worker.pid).peakRssMb),
        afterAllAfterGc: endHeap,
      },
    };
  } finally {
    clearInterval(sampler);
    worker.kill('SIGKILL');
    await connection.close();
    await database.close();
    await Promise.all([devServer.stop(), postgres.stop()]);
  }
}

export async function benchRounds(): Promise<BenchResult> {
  const minimal = await run(minimalKind);
  const udmeld = await run(udmeldKind);
  return {
    name: `${ROUNDS} rounds launched and driven to completion on one worker (${ROUNDS * CODES.length} municipality workflows), ${CONCURRENCY} clients`,
    command: 'npm run bench -- rounds',
    comparisons: [
      throughput('rounds to completion per minute', udmeld.roundsPerMinute, minimal.roundsPerMinute, 'minimal rounds', 'rounds/min', 1.25),
      throughput(
        'child workflows started per second while launching',
        udmeld.launch.childStartsPerSecond,
        minimal.launch.childStartsPerSecond,
        'bare children',
        '/s',
        1.25,
      ),
      cost(
        `worker RSS with all ${ROUNDS * CODES.length} municipality workflows open`,
        udmeld.workerMemory.allChildrenOpenMb,
        minimal.workerMemory.allChildrenOpenMb,
        'minimal workflows',
        'MB',
        1.3,
      ),
    ],
    notes: [
      ['worker RSS peak over the run, udmeld / minimal', `${udmeld.workerMemory.peakMb} / ${minimal.workerMemory.peakMb} MB`],
      [
        'main-thread JS heap after GC, all open, udmeld / minimal',
        `${udmeld.workerMemory.allChildrenOpenAfterGc.liveHeapMb} / ${minimal.workerMemory.allChildrenOpenAfterGc.liveHeapMb} MB`,
      ],
      [
        'CPU seconds used by the worker, Temporal and PostgreSQL, udmeld / minimal',
        `${Object.values(udmeld.cpuSeconds).join(', ')} / ${Object.values(minimal.cpuSeconds).join(', ')}`,
      ],
      [
        "the worker's CPU seconds by thread, udmeld / minimal",
        Object.keys({ ...udmeld.workerThreads, ...minimal.workerThreads })
          .map((k) => `${k} ${udmeld.workerThreads[k] ?? 0} / ${minimal.workerThreads[k] ?? 0}`)
          .join('; '),
      ],
      [
        'launch, drive (s), udmeld / minimal',
        `${udmeld.launch.seconds} + ${udmeld.drive.seconds} / ${minimal.launch.seconds} + ${minimal.drive.seconds}`,
      ],
    ],
    raw: { shape: SHAPE, concurrency: CONCURRENCY, minimal, udmeld },
  };
}
