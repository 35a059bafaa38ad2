// The software bill of materials for those who must file it: CycloneDX 1.5 JSON of what udmeld
// runs in production (dev dependencies left out), made by npm from the lock file, offline.
//   npm run sbom   → data/sbom.cdx.json
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const out = new URL('../data/sbom.cdx.json', import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const text = execFileSync(npm, ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--package-lock-only'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const bom = JSON.parse(text);
mkdirSync(new URL('../data/', import.meta.url), { recursive: true });
writeFileSync(out, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`${bom.components?.length ?? 0} components (CycloneDX ${bom.specVersion}) written to ${out.pathname}`);
