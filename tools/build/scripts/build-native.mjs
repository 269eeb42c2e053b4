#!/usr/bin/env node
// Builds every native addon into its package (see native-addons.mjs). npm's postinstall runs it with
// `--if-possible`: without a C compiler it only warns, and katamon runs on each addon's JavaScript fallback.
// `--if-stale` skips an addon whose build is newer than its sources.
import { ADDONS, buildAddon } from './native-addons.mjs';

const lenient = process.argv.includes('--if-possible');
const ifStale = process.argv.includes('--if-stale');
let failed = false;
for (const addon of ADDONS) {
  try {
    buildAddon(addon, { ifStale });
  } catch (error) {
    failed = true;
    process.stderr.write(`katamon: ${error.message}${lenient ? ' (katamon will run without it)' : ''}\n`);
  }
}
if (failed && !lenient) process.exit(1);
