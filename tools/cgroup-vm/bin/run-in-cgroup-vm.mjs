#!/usr/bin/env node
// Bundles the CLI (and the harness) into dist/ and runs it. dist/ sits beside src/, so the bundle finds
// src/guest-helper/ the same way the sources do. Setup failures (no qemu, no kernel, a script that does not
// bundle) carry their fix in the message, and exit 2.
import { runTsMain } from '../../run-ts-main.mjs';

await runTsMain(import.meta.url, 2);
