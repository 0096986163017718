/**
 * Writes docs/config.md from the configuration schema (`npm run docs:config`).
 * test/docs/config-doc.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDoc } from '../src/config/index.ts';

const target = new URL('../docs/config.md', import.meta.url);
writeFileSync(target, renderConfigDoc());
process.stdout.write(`Wrote ${fileURLToPath(target)}\n`);
