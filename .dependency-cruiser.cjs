// The layers, lowest first: a folder may import from folders in earlier rows only (and from its
// own). Folders in one row are peers and do not import each other. `npm test` runs it
// (test/unit/layers.test.ts); `npx depcruise --config .dependency-cruiser.cjs .` shows it.
const LAYERS = [
  ['domain'], // pure: types, rules, schemas, process tables
  ['workflows'], // Temporal workflows: deterministic, small state
  ['db', 'report', 'crypto'], // the record; documents made from it; keys, tokens and payload encryption
  ['activities'], // what workflows do outside themselves: write the record, send e-mail
  ['config'], // the environment, parsed once
  ['app'], // the application: every command and read, taking its input and its caller
  ['auth'], // who is asking: sessions, links, keys, sign-in
  ['http'], // what the API and the pages share over HTTP: problems, security headers
  ['api', 'web'], // JSON routes and their OpenAPI document; the pages
  ['idp'], // the embedded identity provider of a local run
  ['server', 'worker'], // the processes: the Express app and the Temporal worker
  ['scripts', 'bench', 'fixtures', 'test'], // what runs and checks the system
];

const folder = (name) => `^${name}/`;
const rules = LAYERS.flatMap((row, i) => {
  const above = LAYERS.slice(i + 1).flat();
  const forbidUp = above.length
    ? [
        {
          name: `${row.join('-')}-not-up`,
          comment: `${row.join(', ')} may not import from a higher layer (${above.join(', ')})`,
          severity: 'error',
          from: { path: row.map(folder) },
          to: { path: above.map(folder) },
        },
      ]
    : [];
  const peers =
    row.length > 1 && i < LAYERS.length - 1
      ? row.map((name) => ({
          name: `${name}-not-peers`,
          comment: `${name} does not import its peers (${row.filter((n) => n !== name).join(', ')})`,
          severity: 'error',
          from: { path: folder(name) },
          to: { path: row.filter((n) => n !== name).map(folder) },
        }))
      : [];
  return [...forbidUp, ...peers];
});

module.exports = {
  forbidden: [
    ...rules,
    {
      name: 'adapters-go-through-the-app',
      comment: 'Routes and pages parse and render: commands, workflows and the record are reached through app/',
      severity: 'error',
      from: { path: '^(api|web)/' },
      to: { path: '^(workflows|db|activities)/' },
    },
    {
      name: 'nothing-imports-test',
      comment: 'Code shared by tests and benchmarks lives outside test/',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'A source folder belongs to a layer above (add it to LAYERS)',
      severity: 'error',
      from: { path: '\\.ts$', pathNot: `^(${LAYERS.flat().join('|')})/|^[^/]+\\.ts$` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.tools|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
  },
};
