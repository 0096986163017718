import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigDoc } from '../../src/config/index.ts';

describe('docs/config.md', () => {
  it('is exactly what the configuration schema generates', () => {
    const onDisk = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
    expect(onDisk, 'docs/config.md is out of date with src/config/schema.ts: run npm run docs:config').toBe(
      renderConfigDoc(),
    );
  });
});
