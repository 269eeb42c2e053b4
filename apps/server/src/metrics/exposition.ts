/** One metric family as both exposition formats need it. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: MetricSample[];
}

export interface MetricSample {
  /** Sample name when it differs from the family name (`_bucket`, `_sum`, `_count`). */
  name?: string;
  labels: Readonly<Record<string, string | number>>;
  value: number;
}

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const EXPOSITION_CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/**
 * Writes the Prometheus text format 0.0.4 or OpenMetrics 1.0. In OpenMetrics a counter family is named
 * without `_total` and its samples carry it; families without samples are left out in both formats.
 */
export function writeExposition(families: readonly MetricFamily[], format: ExpositionFormat): string {
  const out: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    const familyName =
      format === 'openmetrics' && family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    const type = format === 'openmetrics' && family.type === 'untyped' ? 'unknown' : family.type;
    out.push(`# HELP ${familyName} ${escapeHelp(family.help)}\n# TYPE ${familyName} ${type}\n`);
    for (const sample of family.samples) {
      out.push(`${sample.name ?? family.name}${labelText(sample.labels)} ${valueText(sample.value)}\n`);
    }
  }
  if (format === 'openmetrics') out.push('# EOF\n');
  return out.join('');
}

function labelText(labels: Readonly<Record<string, string | number>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(labels)) parts.push(`${key}="${escapeLabel(String(value))}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function escapeHelp(value: string): string {
  return value.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}
