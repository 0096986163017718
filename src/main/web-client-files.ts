import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StaticSite } from '../server/index.ts';

/** Where the built browser client is looked for: next to the built CLI (dist/web), or from sources. */
const CANDIDATES = ['./web/index.html', '../../dist/web/index.html'];

/** The built browser client of the package (`npm run build` makes it), or `undefined` if it is not built. */
export function loadWebClient(): StaticSite | undefined {
  const index = CANDIDATES.map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((path) =>
    existsSync(path),
  );
  return index === undefined ? undefined : new StaticSite(dirname(index));
}
