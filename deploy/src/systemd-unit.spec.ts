import { readFileSync } from 'node:fs';
import { DEPLOY_PATHS } from './tools/deploy-paths.js';
import { runTool } from './tools/run-tool.js';

describe('the systemd unit (deploy/systemd/katamon-server.service)', () => {
  const unit = readFileSync(DEPLOY_PATHS.systemdUnit, 'utf8');
  const setting = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);

  it('passes systemd-analyze verify', () => {
    const run = runTool('systemd-analyze', ['verify', DEPLOY_PATHS.systemdUnit], {
      install: 'apt-get install systemd',
    });
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs dist/katamon/ as a non-root user holding only the two capabilities katamon needs', () => {
    expect(setting('ExecStart')).toEqual(['/usr/bin/node /opt/katamon/katamon-server.mjs']);
    expect(setting('DynamicUser')).toEqual(['yes']);
    // The capabilities e2e/src/server/capabilities.spec.ts proves are enough, and each needed.
    expect(setting('AmbientCapabilities')).toEqual(['CAP_DAC_READ_SEARCH CAP_SYS_PTRACE']);
    expect(setting('CapabilityBoundingSet')).toEqual(['CAP_DAC_READ_SEARCH CAP_SYS_PTRACE']);
    expect(setting('NoNewPrivileges')).toEqual(['yes']);
    expect(setting('EnvironmentFile')).toEqual(['-/etc/default/katamon-server']);
  });
});
