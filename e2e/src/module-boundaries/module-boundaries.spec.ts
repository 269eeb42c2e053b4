// The dependency rule of DESIGN.md, proven against the repo's own lint config: files that break it,
// linted at paths inside real projects, are rejected; legal ones pass. The files are given to ESLint
// as text with their path (lintText) rather than written to disk: CI lints and typechecks the same
// projects in parallel with this test, and a real probe file would fail those runs for a moment.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

const repo = join(import.meta.dirname, '..', '..', '..');

interface Probe {
  what: string;
  project: string;
  code: string;
  /** Rule ids expected among the errors; empty means the file must lint clean. */
  rules: string[];
}

const probes: Probe[] = [
  {
    what: 'core importing inversify',
    project: 'packages/core',
    code: "import { Container } from 'inversify';\nexport const probe = Container;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'core importing node:fs',
    project: 'packages/core',
    code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    rules: ['no-restricted-imports'],
  },
  {
    what: 'core importing a bare built-in',
    project: 'packages/core',
    code: "import { EventEmitter } from 'events';\nexport const probe = EventEmitter;\n",
    rules: ['no-restricted-imports'],
  },
  {
    what: 'an adapter importing fastify',
    project: 'packages/cgroup-v2',
    code: "import fastify from 'fastify';\nexport const probe = fastify;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'an adapter importing inversify',
    project: 'packages/netns',
    code: "import { ContainerModule } from 'inversify';\nexport const probe = ContainerModule;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'an adapter importing another adapter',
    project: 'packages/cgroup-v1',
    code: "import * as netns from '@katamon/netns';\nexport const probe = netns;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'sysfs importing yargs',
    project: 'packages/sysfs',
    code: "import yargs from 'yargs';\nexport const probe = yargs;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'core importing an adapter',
    project: 'packages/core',
    code: "import * as v2 from '@katamon/cgroup-v2';\nexport const probe = v2;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    what: 'a legal adapter file (core + sysfs + node built-ins)',
    project: 'packages/cgroup-v2',
    code: "import { readFile } from 'node:fs/promises';\nimport { KatamonError } from '@katamon/core';\nimport * as sysfs from '@katamon/sysfs';\nexport const probe = [readFile, KatamonError, sysfs];\n",
    rules: [],
  },
  {
    // Adapters are imported lazily there (builtinPlugins), which Nx also enforces.
    what: 'a legal composition file (core + sysfs + inversify)',
    project: 'packages/composition',
    code: "import { Container } from 'inversify';\nimport { CORE_VERSION } from '@katamon/core';\nimport * as sysfs from '@katamon/sysfs';\nexport const probe = [Container, CORE_VERSION, sysfs];\n",
    rules: [],
  },
];

describe('module boundaries', () => {
  it('rejects every import the dependency rule forbids and accepts the legal ones', { timeout: 240_000 }, async () => {
    const files = probes.map((p, i) => join(repo, p.project, 'src', `boundary-probe-${i}.ts`));
    const eslint = new ESLint({ cwd: repo, overrideConfigFile: join(repo, 'eslint.config.mjs') });
    const found = [];
    for (const [i, p] of probes.entries()) {
      const [result] = await eslint.lintText(p.code, { filePath: files[i] as string });
      const errors = (result?.messages ?? []).filter((m) => m.severity === 2);
      found.push({
        what: p.what,
        file: relative(repo, files[i] as string),
        rules: [...new Set(errors.map((m) => m.ruleId))].sort(),
      });
    }
    expect(found).toEqual(
      probes.map((p, i) => ({ what: p.what, file: relative(repo, files[i] as string), rules: [...p.rules].sort() })),
    );
  });

  it('keeps packages/core free of runtime dependencies', async () => {
    const pkg = JSON.parse(await readFile(join(repo, 'packages/core/package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      expect(Object.keys((pkg[field] as object | undefined) ?? {}), field).toEqual([]);
    }
  });
});
