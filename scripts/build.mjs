// Bundles the CLI (server, terminal client) into dist/parlor.js, and the scripts of the solver and
// simulation threads; dependencies stay external.
// Then builds the browser client with Vite into dist/web (served by the server at `/`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

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
// The simulation thread (src/rooms/realtime/simulation-thread.ts) starts this file, found next to parlor.js.
await build({
  ...common,
  entryPoints: ['src/rooms/realtime/simulation-worker.ts'],
  outfile: 'dist/simulation-worker.js',
});
// `parlor bot` (src/main/bot-command.ts) starts this file as its thinking thread, found next to parlor.js.
await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname });
// Compressed copies at the strongest levels, so that the server never compresses at run time.
for (const entry of readdirSync('dist/web', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(html|js|css|svg|json)$/.test(entry.name)) continue;
  const path = `${entry.parentPath}/${entry.name}`;
  const bytes = readFileSync(path);
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}
