import { readFileSync } from 'node:fs';
import { DEPLOY_PATHS } from './deploy-paths.js';

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { expr: string; refId: string; datasource: { uid: string } }[];
}

export interface Dashboard {
  uid: string;
  panels: DashboardPanel[];
  templating: { list: { name: string }[] };
}

export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(DEPLOY_PATHS.dashboard, 'utf8')) as Dashboard;
}

/** Every query of every panel, in panel order: the e2e suite (`e2e/src/prometheus`) runs each one. */
export function dashboardQueries(): { panel: string; refId: string; expr: string }[] {
  return readDashboard().panels.flatMap((p) =>
    (p.targets ?? []).map((t) => ({ panel: p.title, refId: t.refId, expr: t.expr })),
  );
}
