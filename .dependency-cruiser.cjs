/**
 * Dependency rules of docs/architecture.md, checked by `npm run lint` (part of `npm test`).
 * Areas are the folders of src/ (and of src/clients/). An arrow "a -> b" below means a may import b.
 */
const area = (name) => `^src/${name}/`;

/** For each area, the other areas it may import (through their index.ts). */
const allowed = {
  protocol: [],
  config: [],
  games: [],
  textmode: ['protocol', 'games'],
  transport: ['protocol'],
  server: ['protocol', 'transport', 'config', 'textmode'],
  chat: ['server', 'protocol'],
  accounts: ['server', 'protocol', 'store'],
  moderation: ['server', 'protocol', 'store'],
  analysis: ['games'],
  rooms: ['server', 'protocol', 'games', 'chat', 'store', 'analysis'],
  'clients/sdk': ['protocol'],
  'clients/node': ['clients/sdk', 'protocol'],
  'clients/cli': ['clients/sdk', 'clients/node', 'protocol', 'textmode', 'games'],
  'clients/bot': ['clients/sdk', 'clients/node', 'protocol', 'games', 'analysis'],
  'clients/web': ['clients/sdk', 'protocol', 'games'],
  store: ['protocol'],
};

/** Areas that also run in the browser: no node:* built-ins. */
const isomorphic = ['protocol', 'textmode', 'config', 'clients/sdk', 'clients/web', 'games'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No import cycles. Two types of one area naming each other (Session ↔ Peer) is not a cycle of code.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'through-index-only',
      comment: 'Code of another area is imported only through its index.ts.',
      severity: 'error',
      from: { path: '^src/(clients/[^/]+|[^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/(clients/[^/]+|[^/]+)/index\\.ts$'] },
    },
    ...Object.entries(allowed).map(([name, deps]) => ({
      name: `${name.replace('/', '-')}-imports`,
      comment: `${name} may import only: ${deps.join(', ') || 'nothing outside itself'}.`,
      severity: 'error',
      from: { path: area(name) },
      to: { path: '^src/', pathNot: [area(name), ...deps.map(area)] },
    })),
    ...isomorphic.map((name) => ({
      name: `${name.replace('/', '-')}-isomorphic`,
      comment: `${name} runs in browsers too: no Node built-ins.`,
      severity: 'error',
      from: { path: area(name) },
      to: { dependencyTypes: ['core'] },
    })),
    {
      name: 'nothing-imports-main',
      severity: 'error',
      from: { pathNot: '^src/main/' },
      to: { path: '^src/main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
