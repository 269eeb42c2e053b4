import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY_PATHS } from './tools/deploy-paths.js';
import { parseObjects, renderChartText } from './tools/render-chart.js';
import { validateKubeObject } from './tools/validate-kube-object.js';

const UPDATE = process.env['KATAMON_UPDATE_MANIFESTS'] === '1';

/** deploy/kubernetes/: the chart rendered with its default values, for `kubectl apply` without helm. */
const FILES: { file: string; sets: string[]; kinds?: string[] }[] = [
  { file: 'katamon.yaml', sets: [] },
  { file: 'servicemonitor.yaml', sets: ['serviceMonitor.enabled=true'], kinds: ['ServiceMonitor'] },
];

function expected(sets: string[], kinds: string[] | undefined, file: string): string {
  let text = renderChartText(sets);
  if (kinds !== undefined)
    text = text
      .split(/^---\n/m)
      .filter((doc) => kinds.some((kind) => doc.includes(`\nkind: ${kind}\n`)))
      .map((doc) => `---\n${doc}`)
      .join('');
  const how = `KATAMON_UPDATE_MANIFESTS=1 npx vitest run src/manifests.spec.ts (in deploy/)`;
  return `# Generated from deploy/helm/katamon (${sets.join(', ') || 'default values'}); do not edit.\n# ${file}: ${how}\n${text}`;
}

describe('plain manifests (deploy/kubernetes)', () => {
  it.each(FILES)('$file is the chart rendered, and valid', async ({ file, sets, kinds }) => {
    const path = join(DEPLOY_PATHS.manifests, file);
    const want = expected(sets, kinds, file);
    if (UPDATE) writeFileSync(path, want);
    expect(readFileSync(path, 'utf8'), `${file} is stale: KATAMON_UPDATE_MANIFESTS=1 rewrites it`).toBe(want);
    const objects = parseObjects(want);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) await validateKubeObject(object);
  });
});
