import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `deploy/` folder: what operators install. */
export const DEPLOY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEPLOY_PATHS = {
  chart: join(DEPLOY_DIR, 'helm', 'katamon'),
  manifests: join(DEPLOY_DIR, 'kubernetes'),
  rules: join(DEPLOY_DIR, 'prometheus', 'katamon-rules.yaml'),
  rulesTest: join(DEPLOY_DIR, 'prometheus', 'katamon-rules.test.yaml'),
  scrapeConfig: join(DEPLOY_DIR, 'prometheus', 'scrape-config.yaml'),
  dashboard: join(DEPLOY_DIR, 'grafana', 'katamon-dashboard.json'),
  systemdUnit: join(DEPLOY_DIR, 'systemd', 'katamon-server.service'),
} as const;
