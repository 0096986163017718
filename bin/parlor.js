#!/usr/bin/env node
// Thin shim: the CLI lives in src/main/cli-main.ts, built to dist/ by `npm run build` (run by `npm ci`).
import { main } from '../dist/parlor.js';

process.exitCode = await main(process.argv.slice(2));
