import { describeStatsSource } from '@katamon/core-testing';
import { NetnsSource } from './netns-source.js';

// The shared StatsSource contract, against real namespaces: this test process's own, and one that is gone.
describeStatsSource('netns', {
  create: () => new NetnsSource(),
  refs: () => ({
    handled: [
      { id: 'self', runtime: 'runc', resolver: 'test', status: 'running', pid: process.pid },
      {
        id: 'self-path',
        runtime: 'runc',
        resolver: 'test',
        status: 'running',
        netnsPath: `/proc/${process.pid}/ns/net`,
      },
    ],
    skipped: [{ id: 'vm-only', runtime: 'kata', resolver: 'test', status: 'running', sandbox: { id: 'sb' } }],
    gone: {
      id: 'gone',
      runtime: 'kata',
      resolver: 'test',
      status: 'running',
      sandbox: { id: 'sb', netnsPath: '/run/netns/katamon-t-never-created' },
    },
  }),
  sections: ['network'],
  requiredSections: ['network'],
});
