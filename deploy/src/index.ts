export { dashboardQueries, readDashboard, type Dashboard } from './tools/dashboard-queries.js';
export { DEPLOY_DIR, DEPLOY_PATHS } from './tools/deploy-paths.js';
export { helmBinary } from './tools/helm-binary.js';
export { parseObjects, renderChart, renderChartText, type KubeObject } from './tools/render-chart.js';
export { runTool, type ToolRun } from './tools/run-tool.js';
export { validateKubeObject } from './tools/validate-kube-object.js';
