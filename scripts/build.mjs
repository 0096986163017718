// Bundles the CLI (server, terminal client) into dist/parlor.js, and the solver thread's script; dependencies stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['src/main/cli-main.ts'], outfile: 'dist/parlor.js' });
// The solver thread (src/analysis/solver-thread.ts) starts this file, found next to parlor.js.
await build({ ...common, entryPoints: ['src/analysis/solver-worker.ts'], outfile: 'dist/solver-worker.js' });
// `parlor bot` (src/main/bot-command.ts) starts this file as its thinking thread, found next to parlor.js.
