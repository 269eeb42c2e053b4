/** What the spec files register, as vitest would collect it: suites of tests and hooks, per file. */

export type HookFn = (context: TestContext) => unknown;
export type TestFn = (context: TestContext) => unknown;

/** The part of vitest's test context the katamon specs use. */
export interface TestContext {
  task: { name: string };
  onTestFailed(handler: () => unknown): void;
  /** Ends the test as skipped, as vitest's context.skip does (the conformance suite's not-applicable cases). */
  skip(reason?: string): never;
}

/** Thrown by context.skip: the test ends, reported as skipped, not failed. */
export class SkipSignal extends Error {
  override name = 'SkipSignal';
}

export interface SpecTest {
  kind: 'test';
  name: string;
  fn: TestFn;
  timeoutMs: number;
  suite: SpecSuite;
}

export interface SpecSuite {
  kind: 'suite';
  name: string;
  parent: SpecSuite | undefined;
  children: (SpecSuite | SpecTest)[];
  beforeAll: HookFn[];
  afterAll: HookFn[];
  beforeEach: HookFn[];
  afterEach: HookFn[];
  /** An error thrown while the suite registered its children. */
  collectError?: unknown;
}

export function newSuite(name: string, parent?: SpecSuite): SpecSuite {
  const suite: SpecSuite = {
    kind: 'suite',
    name,
    parent,
    children: [],
    beforeAll: [],
    afterAll: [],
    beforeEach: [],
    afterEach: [],
  };
  parent?.children.push(suite);
  return suite;
}

/** "file > describe > test", as vitest names a test in its report. */
export function fullName(node: SpecSuite | SpecTest): string {
  const parts: string[] = [];
  for (let n: SpecSuite | SpecTest | undefined = node; n; n = n.kind === 'test' ? n.suite : n.parent) {
    parts.unshift(n.name);
  }
  return parts.join(' > ');
}

export function testsOf(suite: SpecSuite): SpecTest[] {
  return suite.children.flatMap((c) => (c.kind === 'test' ? [c] : testsOf(c)));
}

/** vitest's `each` name formatting: %s %d %i %j %o %%, in order, from the row's values. */
export function formatEachName(name: string, args: readonly unknown[]): string {
  let i = 0;
  return name.replace(/%[sdijo%]/g, (spec) => {
    if (spec === '%%') return '%';
    const value = args[i++];
    if (spec === '%d' || spec === '%i') return String(spec === '%i' ? Math.trunc(Number(value)) : Number(value));
    if (spec === '%j' || spec === '%o') return JSON.stringify(value);
    return typeof value === 'function' ? value.name : String(value);
  });
}
