import type { KubeObject } from './render-chart.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/**
 * The model class of `kubernetes-models` (the Kubernetes API's OpenAPI schemas) or of its prometheus-operator
 * package (the operator's CRD schemas) for an object's apiVersion and kind.
 */
async function modelFor(apiVersion: string, kind: string): Promise<ModelClass> {
  const module = apiVersion.startsWith('monitoring.coreos.com/')
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  const loaded = (await import(/* @vite-ignore */ module)) as Record<string, ModelClass>;
  const model = loaded[kind];
  if (model === undefined) throw new Error(`${module} has no ${kind}`);
  return model;
}

/** Throws one line naming the object and every schema violation. */
export async function validateKubeObject(object: KubeObject): Promise<void> {
  const Model = await modelFor(object.apiVersion, object.kind);
  try {
    new Model(object).validate();
  } catch (error) {
    throw new Error(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
  }
}
