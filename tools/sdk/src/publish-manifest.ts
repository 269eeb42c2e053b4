/** Export conditions that point into the workspace's sources: they mean nothing in a published package. */
const WORKSPACE_CONDITIONS = new Set(['@katamon/source']);
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

function withoutWorkspaceConditions(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(withoutWorkspaceConditions);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !WORKSPACE_CONDITIONS.has(key))
      .map(([key, branch]) => [key, withoutWorkspaceConditions(branch)]),
  );
}

/**
 * The package.json a workspace package ships with: without the workspace-only parts (the Nx project settings,
 * the dev dependencies on workspace packages, the `@katamon/source` export condition that points at `src/`).
 * Throws when a dependency range only the workspace can satisfy (`*`, `file:`, `workspace:`) would ship.
 */
export function publishManifest(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...manifest };
  delete out['nx'];
  delete out['devDependencies'];
  if (out['private'] === true) throw new Error(`${String(manifest['name'])} is private: it cannot be published`);
  if (out['exports'] !== undefined) out['exports'] = withoutWorkspaceConditions(out['exports']);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries((out[field] ?? {}) as Record<string, string>)) {
      if (range === '*' || range.startsWith('file:') || range.startsWith('workspace:')) {
        throw new Error(
          `${String(manifest['name'])}: ${field}.${name} is "${range}", which only the workspace satisfies`,
        );
      }
    }
  }
  return out;
}
