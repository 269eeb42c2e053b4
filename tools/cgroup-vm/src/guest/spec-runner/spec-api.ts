/**
 * The vitest API the katamon specs use (globals and `import … from 'vitest'`), for running unchanged spec
 * files in the guest, where vitest itself cannot run: describe/it/test (+ .each), the four hooks, and
 * vitest's own expect (the @vitest/expect chai plugins). The bundler aliases `vitest` to this module.
 */
import * as chai from 'chai';
import { ASYMMETRIC_MATCHERS_OBJECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend } from '@vitest/expect';
import { formatEachName, newSuite, type HookFn, type SpecSuite, type TestFn } from './spec-tree.js';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** TCG runs several times slower than the host: the specs' timeouts are host times. */
export const GUEST_TIME_FACTOR = 4;
const TEST_TIMEOUT_MS = 30_000;

export const files: SpecSuite[] = [];
let current: SpecSuite | undefined;

/** Starts the root suite of a spec file; what it registers while it is imported goes there. */
export function beginFile(name: string): SpecSuite {
  current = newSuite(name);
  files.push(current);
  return current;
}

function suite(): SpecSuite {
  if (!current) throw new Error('a spec registered something outside a file (beginFile was not called)');
  return current;
}

type Name = string | { name: string };
const nameOf = (name: Name) => (typeof name === 'string' ? name : name.name);

function registerSuite(name: Name, body: () => unknown): void {
  const parent = suite();
  const child = newSuite(nameOf(name), parent);
  current = child;
  try {
    const result = body();
    if (result instanceof Promise) throw new Error('describe() bodies must be synchronous');
  } catch (error) {
    child.collectError = error;
  } finally {
    current = parent;
  }
}

function registerTest(name: Name, fn: TestFn, timeout?: number): void {
  const s = suite();
  s.children.push({
    kind: 'test',
    name: nameOf(name),
    fn,
    timeoutMs: (timeout ?? TEST_TIMEOUT_MS) * GUEST_TIME_FACTOR,
    suite: s,
  });
}

const rows = (table: readonly unknown[]) => table.map((row) => (Array.isArray(row) ? row : [row]));

function unsupported(what: string): never {
  throw new Error(`${what} is not supported by the guest spec runner (tools/cgroup-vm/src/guest/spec-runner)`);
}

export const describe = Object.assign(registerSuite, {
  each: (table: readonly unknown[]) => (name: string, body: (...args: never[]) => unknown) => {
    for (const args of rows(table)) registerSuite(formatEachName(name, args), () => body(...(args as never[])));
  },
  skip: () => unsupported('describe.skip'),
  only: () => unsupported('describe.only'),
});

export const it = Object.assign(registerTest, {
  each: (table: readonly unknown[]) => (name: string, fn: (...args: never[]) => unknown, timeout?: number) => {
    for (const args of rows(table)) registerTest(formatEachName(name, args), () => fn(...(args as never[])), timeout);
  },
  skip: () => unsupported('it.skip'),
  only: () => unsupported('it.only'),
});
export const test = it;

const hook = (list: 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach') => (fn: HookFn) => {
  suite()[list].push(fn);
};
export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

type Expect = typeof chai.expect & Record<string, unknown>;
export const expect = ((value: unknown, message?: string) => chai.expect(value, message)) as unknown as Expect;
Object.assign(expect, chai.expect);
Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
// A soft assertion fails the test at once here (vitest would go on and report them all): still a failure.
expect['soft'] = expect;
expect['unreachable'] = (message?: string) =>
  chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);

export const vi = new Proxy({}, { get: (_t, key) => unsupported(`vi.${String(key)}`) });

Object.assign(globalThis, { describe, it, test, expect, beforeAll, afterAll, beforeEach, afterEach, vi });
