// Bundles the CLI (server, terminal client) into dist/parlor.js; dependencies stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main/cli-main.ts'],
  outfile: 'dist/parlor.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
