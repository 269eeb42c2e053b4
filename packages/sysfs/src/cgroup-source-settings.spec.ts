import { testPluginContext } from '@katamon/core-testing';
import { cgroupSourceSettings } from './cgroup-source-settings.js';

describe(cgroupSourceSettings, () => {
  it('takes the cgroup plugins settings from plugin config', () => {
    const settings = cgroupSourceSettings(
      testPluginContext({
        maxOpenFiles: 50_000,
        staticRefreshMs: 10_000,
        watchLimitWrites: false,
        limitWriteCheckMs: 5,
        oomPollMs: 500,
      }),
    );
    expect(settings).toMatchObject({
      maxOpenFiles: 50_000,
      staticRefreshMs: 10_000,
      watchLimitWrites: false,
      limitWriteCheckMs: 5,
      oom: { pollMs: 500 },
    });
    // 0: look for limit writes at every sample.
    expect(cgroupSourceSettings(testPluginContext({ limitWriteCheckMs: 0 })).limitWriteCheckMs).toBe(0);
  });

  it('keeps the defaults for anything absent, out of range or of another type (limits kept until written)', () => {
    for (const config of [
      {},
      {
        maxOpenFiles: -1,
        staticRefreshMs: 'soon',
        watchLimitWrites: 'no',
        limitWriteCheckMs: -1,
        oomPollMs: Number.NaN,
      },
      { limitWriteCheckMs: '1' },
      { limitWriteCheckMs: Number.POSITIVE_INFINITY },
      { watchLimitWrites: true },
    ]) {
      const settings = cgroupSourceSettings(testPluginContext(config));
      expect(Object.keys(settings), JSON.stringify(config)).toEqual(['oom']);
      expect(settings.oom.pollMs).toBeUndefined();
    }
  });
});
