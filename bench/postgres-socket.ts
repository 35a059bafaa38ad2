// What a query costs the client over PostgreSQL's Unix socket against TCP on 127.0.0.1: the
// benchmarks reach their PostgreSQL through the socket (throughSocket), as an install with the
// database on the same machine would (README, DATABASE_URL). The statement is the record's kind of
// write, an upsert of a small row, 8 clients at a time, the two ways in alternating turns.
import pg from 'pg';
import { freePort } from '../scripts/ports';
import { startPostgres, throughSocket } from '../scripts/postgres-server';
import { pool } from './measure';
import { cost, type BenchResult } from './result';

const STATEMENTS = 10_000;
const CLIENTS = 8;
const TURNS = 4;

interface Turn {
  wallUs: number;
  cpuUs: number;
}

async function turn(connectionString: string): Promise<Turn> {
  const clients = new pg.Pool({ connectionString, max: CLIENTS });
  clients.on('error', () => undefined); // an idle connection ended by the server's shutdown at the end
  try {
    await clients.query('create table if not exists socket_bench (id int primary key, body text)');
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await pool([...Array(STATEMENTS).keys()], CLIENTS, (i) =>
      clients.query('insert into socket_bench values ($1, $2) on conflict (id) do update set body = excluded.body', [
        i % 1000,
        `${i}`.repeat(40),
      ]),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { wallUs: ((performance.now() - started) * 1000) / STATEMENTS, cpuUs: (cpu.user + cpu.system) / STATEMENTS };
  } finally {
    await clients.end();
  }
}

const mean = (turns: Turn[], k: keyof Turn) => +(turns.reduce((a, t) => a + t[k], 0) / turns.length).toFixed(1);

export async function benchPostgresSocket(): Promise<BenchResult> {
  const server = await startPostgres({ port: await freePort(), fast: true });
  try {
    const tcp: Turn[] = [];
    const socket: Turn[] = [];
    await turn(server.adminUrl); // warm-up
    for (let i = 0; i < TURNS; i++) {
      tcp.push(await turn(server.adminUrl));
      socket.push(await turn(throughSocket(server, server.adminUrl)));
    }
    return {
      name: `A write to PostgreSQL on the same machine: ${STATEMENTS.toLocaleString('en')} upserts, ${CLIENTS} clients, ${TURNS} alternating turns`,
      command: 'npm run bench -- socket',
      comparisons: [
        cost('client CPU per statement, through the Unix socket', mean(socket, 'cpuUs'), mean(tcp, 'cpuUs'), 'TCP on 127.0.0.1', 'µs', 1),
        cost('wall time per statement, through the Unix socket', mean(socket, 'wallUs'), mean(tcp, 'wallUs'), 'TCP on 127.0.0.1', 'µs', 1),
      ],
      notes: [],
      raw: { tcp, socket },
    };
  } finally {
    await server.stop();
  }
}
