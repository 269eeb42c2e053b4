import type { HostProbeReport } from '../plugin/host-probe.js';
import { errorKindOf } from '../errors/katamon-error.js';
import { engineOf, qualifierOf } from '../identity/container-names.js';
import type { Katamon, KatamonHealth } from './katamon.js';

/** One engine in `katamon doctor`: what its probe found, and how many containers it lists now. */
export interface DoctorEngine extends HostProbeReport {
  containers: number;
}

/** A container whose identity (or state) could not be read in full: the files and reasons, one line each. */
export interface DoctorContainerIssue {
  /** `<namespace or engine>/<id>`: addressable even when the id repeats. */
  container: string;
  engine: string;
  messages: string[];
}

/** What `katamon doctor` and `GET /v1/doctor` report. */
export interface DoctorReport {
  /** Every probed engine, found or not, with the reason; plus engines only plugins know (no probe). */
  engines: DoctorEngine[];
  plugins: KatamonHealth['plugins'];
  resolvers: string[];
  sources: string[];
  /** Containers listed, by engine. */
  containers: { total: number; byEngine: Record<string, number> };
  issues: DoctorContainerIssue[];
  /** The listing itself failed (every resolver failed). */
  listError?: { kind: string; message: string };
}

/**
 * The doctor's report over a running Katamon: its host probes (asked now), then one listing to count each
 * engine's containers and collect per-container read problems (identity issues, unreadable state files).
 */
export async function diagnoseKatamon(katamon: Katamon): Promise<DoctorReport> {
  const health = katamon.health();
  const probes = (await katamon.probeHost?.()) ?? [];
  const report: DoctorReport = {
    engines: probes.map((p) => ({ ...p, paths: [...p.paths], containers: 0 })),
    plugins: health.plugins,
    resolvers: health.resolvers,
    sources: health.sources,
    containers: { total: 0, byEngine: {} },
    issues: [],
  };
  try {
    const refs = await katamon.list();
    report.containers.total = refs.length;
    for (const ref of refs) {
      const engine = engineOf(ref);
      report.containers.byEngine[engine] = (report.containers.byEngine[engine] ?? 0) + 1;
      const messages = [...(ref.identity?.issues ?? [])];
      const stateError = ref.labels?.['error'];
      if (stateError !== undefined) messages.unshift(stateError);
      if (messages.length > 0) report.issues.push({ container: `${qualifierOf(ref)}/${ref.id}`, engine, messages });
    }
  } catch (error) {
    report.listError = { kind: errorKindOf(error), message: error instanceof Error ? error.message : String(error) };
  }
  for (const [engine, count] of Object.entries(report.containers.byEngine)) {
    const probed = report.engines.find((e) => e.engine === engine);
    if (probed !== undefined) probed.containers = count;
    else
      report.engines.push({
        engine,
        found: true,
        detail: 'listed by a plugin (no probe)',
        paths: [],
        containers: count,
      });
  }
  return report;
}
