import { execFileSync } from 'node:child_process';

/** Builds dist/ once before the suite, so tests that spawn `bin/parlor.js` run the current code. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
