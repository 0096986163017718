import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser client (src/clients/web, J2): built into dist/web, which the server serves at `/`.
// `npx vite` serves it for development, with /ws sent on to a Parlor server on port 8080.
const root = fileURLToPath(new URL('./src/clients/web', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/ws': { target: 'ws://127.0.0.1:8080', ws: true } },
  },
});
