import type { DoctorReport } from '@katamon/core';
import { renderColumns } from '../output/render-columns.js';
import { tableCell } from '../output/table-cell.js';

const FULL = 1024;

/** `katamon doctor` as text: engines (found or why not), the paths probed, what loaded, per-container issues. */
export function renderDoctor(report: DoctorReport): string {
  const parts: string[] = [];
  parts.push(
    renderColumns(
      ['ENGINE', 'FOUND', 'CONTAINERS', 'DETAIL'],
      report.engines.map((e) => [
        tableCell(e.engine),
        e.found ? 'yes' : 'no',
        String(e.containers),
        tableCell(e.detail, '-', FULL),
      ]),
    ),
  );
  const paths = report.engines.flatMap((e) =>
    e.paths.map((p) => [
      tableCell(e.engine),
      tableCell(p.role, '-', FULL),
      tableCell(p.path, '-', FULL),
      p.found ? 'found' : 'absent',
    ]),
  );
  if (paths.length > 0) parts.push(renderColumns(['ENGINE', 'PATH ROLE', 'PATH', 'ON THIS HOST'], paths));
  const plugins = report.plugins.map((p) =>
    p.ok ? p.name : `${p.name} (failed: ${p.error?.code ?? 'error'} ${p.error?.message ?? ''})`,
  );
  parts.push(
    [
      `plugins loaded: ${plugins.length > 0 ? plugins.join(', ') : 'none'}`,
      `resolvers: ${report.resolvers.join(', ') || 'none'}`,
      `sources: ${report.sources.join(', ') || 'none'}`,
      `containers: ${report.containers.total}`,
    ].join('\n') + '\n',
  );
  if (report.listError !== undefined)
    parts.push(`listing failed (${report.listError.kind}): ${tableCell(report.listError.message, '-', FULL)}\n`);
  if (report.issues.length > 0) {
    const lines = report.issues.flatMap((i) =>
      i.messages.map((m) => `  ${tableCell(i.container, '-', FULL)}: ${tableCell(m, '-', FULL)}`),
    );
    parts.push(`containers katamon could not read in full:\n${lines.join('\n')}\n`);
  }
  return parts.join('\n');
}
