import { dashboardQueries, readDashboard } from './tools/dashboard-queries.js';

describe('the Grafana dashboard (deploy/grafana/katamon-dashboard.json)', () => {
  const dashboard = readDashboard();
  const panels = dashboard.panels.filter((p) => p.type !== 'row');
  const variables = new Set(dashboard.templating.list.map((v) => v.name));

  it('has unique panel ids and a layout inside the 24-column grid', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
  });

  it('queries the chosen Prometheus data source in every panel', () => {
    expect(variables.has('datasource')).toBe(true);
    for (const p of panels) {
      expect(p.datasource?.uid, p.title).toBe('${datasource}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.datasource.uid, p.title).toBe('${datasource}');
    }
  });

  it('uses only its own variables and reads katamon series', () => {
    for (const { panel, expr } of dashboardQueries()) {
      for (const [, name] of expr.matchAll(/\$(\w+)/g))
        if (!name!.startsWith('__')) expect(variables.has(name!), `${panel}: $${name}`).toBe(true);
      expect(expr, panel).toMatch(/job="katamon"|^node_namespace_pod|[( ]node_namespace_pod/);
    }
  });
});
