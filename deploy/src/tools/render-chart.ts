import { parseAllDocuments } from 'yaml';
import { DEPLOY_PATHS } from './deploy-paths.js';
import { helmBinary } from './helm-binary.js';
import { runTool } from './run-tool.js';

/** One object of a rendered chart. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** `helm template katamon deploy/helm/katamon --namespace katamon --set …`: the YAML helm prints. */
export function renderChartText(sets: readonly string[] = [], namespace = 'katamon'): string {
  const args = ['template', 'katamon', DEPLOY_PATHS.chart, '--namespace', namespace];
  for (const set of sets) args.push('--set', set);
  const run = runTool(helmBinary(), args);
  if (run.status !== 0) throw new Error(`helm template failed: ${run.output}`);
  return run.stdout;
}

/** The chart rendered and parsed, one object per document. */
export function renderChart(sets: readonly string[] = [], namespace = 'katamon'): KubeObject[] {
  return parseObjects(renderChartText(sets, namespace));
}

export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`not YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => o !== null);
}
