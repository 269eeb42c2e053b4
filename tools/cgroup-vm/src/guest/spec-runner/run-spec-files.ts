import { report } from '../report.js';
import { files, GUEST_TIME_FACTOR } from './spec-api.js';
import {
  fullName,
  SkipSignal,
  testsOf,
  type HookFn,
  type SpecSuite,
  type SpecTest,
  type TestContext,
} from './spec-tree.js';

const HOOK_TIMEOUT_MS = 60_000 * GUEST_TIME_FACTOR;

/** What the guest reports first: every test it collected, so the host can tell a test that never reported. */
export interface CollectedReport {
  collected: string[];
}

function withTimeout(work: () => unknown, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms (guest time)`)), ms);
  });
  return Promise.race([Promise.resolve().then(work), timeout]).then(
    () => clearTimeout(timer),
    (error: unknown) => {
      clearTimeout(timer);
      throw error;
    },
  );
}

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.stack ?? error.message}` : `thrown: ${String(error)}`;

function contextFor(name: string, onTestFailed: TestContext['onTestFailed'] = () => undefined): TestContext {
  return {
    task: { name },
    onTestFailed,
    skip: (reason = '') => {
      throw new SkipSignal(reason);
    },
  };
}

function ancestors(suite: SpecSuite): SpecSuite[] {
  const chain: SpecSuite[] = [];
  for (let s: SpecSuite | undefined = suite; s; s = s.parent) chain.unshift(s);
  return chain;
}

async function runTest(test: SpecTest): Promise<boolean> {
  const failedHandlers: (() => unknown)[] = [];
  const context = contextFor(test.name, (h) => failedHandlers.push(h));
  const chain = ancestors(test.suite);
  const started = performance.now();
  let error: unknown;
  const step = async (fn: HookFn, ms: number, what: string) => {
    try {
      await withTimeout(() => fn(context), ms, what);
    } catch (e) {
      error ??= e;
    }
  };
  for (const s of chain)
    for (const h of s.beforeEach) if (error === undefined) await step(h, HOOK_TIMEOUT_MS, 'beforeEach');
  if (error === undefined) await step(test.fn, test.timeoutMs, 'test');
  for (const s of [...chain].reverse())
    for (const h of [...s.afterEach].reverse()) await step(h, HOOK_TIMEOUT_MS, 'afterEach');
  if (error instanceof SkipSignal) {
    report({ name: fullName(test), ok: true, detail: `skipped: ${error.message}` });
    return true;
  }
  if (error !== undefined)
    for (const h of failedHandlers)
      await Promise.resolve()
        .then(h)
        .catch(() => undefined);
  const detail = error === undefined ? `${Math.round(performance.now() - started)} ms` : describeError(error);
  report({ name: fullName(test), ok: error === undefined, detail });
  return error === undefined;
}

/** A suite whose beforeAll (or registration) failed: each of its tests fails with that error, none runs. */
function failAll(suite: SpecSuite, error: unknown, where: string): boolean {
  const tests = testsOf(suite);
  const names = tests.length > 0 ? tests.map(fullName) : [`${fullName(suite)} > (${where})`];
  for (const name of names) report({ name, ok: false, detail: `${where}: ${describeError(error)}` });
  return false;
}

async function runSuite(suite: SpecSuite): Promise<boolean> {
  if (suite.collectError !== undefined) return failAll(suite, suite.collectError, 'while collecting');
  let ok = true;
  let setupError: unknown;
  for (const h of suite.beforeAll) {
    if (setupError !== undefined) break;
    await withTimeout(() => h(contextFor(suite.name)), HOOK_TIMEOUT_MS, 'beforeAll').catch(
      (e: unknown) => (setupError = e),
    );
  }
  if (setupError !== undefined) ok = failAll(suite, setupError, 'beforeAll');
  else
    for (const child of suite.children)
      ok = (child.kind === 'test' ? await runTest(child) : await runSuite(child)) && ok;
  for (const h of [...suite.afterAll].reverse()) {
    await withTimeout(() => h(contextFor(suite.name)), HOOK_TIMEOUT_MS, 'afterAll').catch((e: unknown) => {
      report({ name: `${fullName(suite)} > afterAll`, ok: false, detail: describeError(e) });
      ok = false;
    });
  }
  return ok;
}

/**
 * Runs every registered spec file in order, as vitest runs one file (tests in sequence, hooks around them),
 * reporting the collected names first and then one result per test. True when everything passed.
 */
export async function runSpecFiles(): Promise<boolean> {
  const collected = files.flatMap((f) => testsOf(f).map(fullName));
  report({ collected } satisfies CollectedReport);
  let ok = true;
  for (const file of files) {
    if (testsOf(file).length === 0 && file.collectError === undefined) {
      report({ name: `${file.name} > (no tests)`, ok: false, detail: 'the file registered no test' });
      ok = false;
      continue;
    }
    ok = (await runSuite(file)) && ok;
  }
  return ok;
}
