// The layers point down only (.dependency-cruiser.cjs): domain → workflows → db, report, crypto →
// activities → config → app → auth → http → api, web → idp → server, worker → scripts, bench,
// fixtures, test. Checked on the code as it is, and on a made-up upward import, so the check bites.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise, type ICruiseOptions, type IForbiddenRuleType, type IReporterOutput } from 'dependency-cruiser';
import { expect, test } from 'vitest';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions;
};
/** Every folder of code, as the type check finds them. */
const FOLDERS = (JSON.parse(readFileSync('tsconfig.json', 'utf8')) as { include: string[] }).include.filter((f) => !f.includes('.'));

function violationsOf(output: IReporterOutput): string[] {
  if (typeof output.output === 'string') throw new Error('expected the cruise result, not a report');
  return output.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

async function cruiseIn(baseDir: string, folders: string[]): Promise<string[]> {
  const { tsConfig: _, ...options } = config.options;
  return violationsOf(await cruise(folders, { ...options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } }));
}

test('no folder imports from a layer above its own, nor routes and pages from the workflows or the record', async () => {
  expect(await cruiseIn(process.cwd(), FOLDERS)).toEqual([]);
}, 60_000);

test('an import from a lower layer into a higher one is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'udmeld-layers-'));
  for (const folder of ['domain', 'web', 'api', 'db']) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, 'web', 'page.ts'), 'export const page = 1;\n');
  writeFileSync(join(dir, 'db', 'query.ts'), 'export const query = 1;\n');
  writeFileSync(join(dir, 'domain', 'rule.ts'), "import { page } from '../web/page';\nexport const rule = page;\n");
  writeFileSync(join(dir, 'api', 'route.ts'), "import { query } from '../db/query';\nexport const route = query;\n");
  expect((await cruiseIn(dir, ['domain', 'web', 'api', 'db'])).sort()).toEqual([
    'adapters-go-through-the-app: api/route.ts → db/query.ts',
    'domain-not-up: domain/rule.ts → web/page.ts',
  ]);
});
