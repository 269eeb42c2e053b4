#!/usr/bin/env node
// Packs the SDK: node tools/sdk/bin/pack-sdk.mjs [out-dir (default dist/sdk)] [--with-example]
import { runTsMain } from '../../run-ts-main.mjs';

await runTsMain(import.meta.url, 1);
