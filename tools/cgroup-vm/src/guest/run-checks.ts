import { existsSync, readFileSync } from 'node:fs';
import type { CheckResult } from '../protocol.js';
import type { Check } from './check.js';
import { report } from './report.js';

const CHECK_TIMEOUT_MS = 60_000;

function withTimeout(check: Check): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check.run(), timeout]).finally(() => clearTimeout(timer));
}

/** Why a check cannot run in this VM, if it cannot: reported as a failure, never skipped quietly. */
function missingFeature(check: Check): string | undefined {
  if (check.needsDisk && !existsSync('/sys/block/vda')) return 'needs the virtio disk (runInCgroupVm disk: true)';
  if (check.needsHugepages && Number(readFileSync('/proc/sys/vm/nr_hugepages', 'utf8')) < 8) {
    return 'needs 8 reserved huge pages (runInCgroupVm hugepages: 8)';
  }
  return undefined;
}

/** Runs each check in turn, reporting one result line per check; a failed check does not stop the rest. */
export async function runChecks(checks: readonly Check[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const missing = missingFeature(check);
    let result: CheckResult;
    if (missing) {
      result = { name: check.name, ok: false, detail: missing };
    } else {
      const started = performance.now();
      try {
        const detail = await withTimeout(check);
        result = { name: check.name, ok: true, detail: `${detail} (${Math.round(performance.now() - started)} ms)` };
      } catch (error) {
        result = {
          name: check.name,
          ok: false,
          detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
      }
    }
    report(result);
    results.push(result);
  }
  return results;
}
