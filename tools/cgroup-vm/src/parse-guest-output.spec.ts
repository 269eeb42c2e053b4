import { parseGuestOutput } from './parse-guest-output.js';
import { EXIT_MARKER, INIT_MARKER, RESULT_MARKER } from './protocol.js';

describe('parseGuestOutput', () => {
  it('keeps marker lines and ignores the console noise around them', () => {
    const console = [
      '\x1bc\x1b[?7l\x1b[2JSeaBIOS (version 1.16.2)',
      `${INIT_MARKER}hugepages 16\r`,
      '[    3.1] virtio_blk virtio1: [vda] 131072 512-byte logical blocks\r',
      `${RESULT_MARKER}{"name":"a","ok":true,"detail":"x"}\r`,
      `[   12.0] oom-kill:constraint=CONSTRAINT_MEMCG${RESULT_MARKER}{"name":"b","ok":false,"detail":"y"}\r`,
      `${EXIT_MARKER}1\r`,
      '[   13.2] reboot: Power down',
    ].join('\n');
    expect(parseGuestOutput(console)).toEqual({
      results: [
        { name: 'a', ok: true, detail: 'x' },
        { name: 'b', ok: false, detail: 'y' },
      ],
      exitCode: 1,
      init: ['hugepages 16'],
      malformed: [],
    });
  });

  it('reports a marker line cut by kernel output as malformed, not as a result', () => {
    const line = `${RESULT_MARKER}{"name":"a","ok":tr[  5.0] Out of memory`;
    expect(parseGuestOutput(line)).toMatchObject({ results: [], malformed: [line] });
  });

  it('has no exit code when /init never printed one', () => {
    expect(parseGuestOutput(`${RESULT_MARKER}{}\nKernel panic - not syncing`).exitCode).toBeNull();
  });
});
