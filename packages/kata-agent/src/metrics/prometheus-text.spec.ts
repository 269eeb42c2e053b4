import fc from 'fast-check';
import { exactInteger, parsePrometheusText } from './prometheus-text.js';
import { GUEST_NETDEV_METRIC, guestInterfaces, selectFamily } from './guest-netdev.js';

describe('parsePrometheusText', () => {
  it('reads HELP/TYPE metadata, comments, labels with escapes, timestamps', () => {
    const text = [
      '# HELP kata_guest_netdev_stat Guest net devices \\\\ stats\\nsecond line',
      '# TYPE kata_guest_netdev_stat gauge',
      '# just a comment',
      '',
      'kata_guest_netdev_stat{interface="eth0",item="recv_bytes"} 1234 1700000000000',
      'odd{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",} 1.5e3',
      'no_labels 7',
    ].join('\n');
    const { samples, families } = parsePrometheusText(text);
    expect(families.get('kata_guest_netdev_stat')).toEqual({
      help: 'Guest net devices \\ stats\nsecond line',
      type: 'gauge',
    });
    expect(samples).toHaveLength(3);
    expect(samples[0]).toMatchObject({ name: 'kata_guest_netdev_stat', value: 1234, timestampMs: 1700000000000 });
    expect(Object.fromEntries(samples[1]?.labels ?? [])).toEqual({ path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb' });
    expect(samples[1]?.value).toBe(1500);
    expect(samples[2]?.labels.size).toBe(0);
  });

  it('accepts Go float spellings: NaN, +Inf, -Inf, exponents', () => {
    const { samples } = parsePrometheusText('a NaN\nb +Inf\nc -Inf\nd 4.2e+06\ne -0.5\n');
    expect(samples.map((s) => s.value)).toEqual([NaN, Infinity, -Infinity, 4.2e6, -0.5]);
  });

  it('rejects malformed lines instead of guessing', () => {
    for (const bad of [
      '1abc 1',
      'a{x="1"',
      'a{x=1} 2',
      'a{x="\\q"} 1',
      'a{x="1",x="2"} 1',
      'a',
      'a 12abc',
      'a 1 2 3',
    ]) {
      expect(() => parsePrometheusText(bad), bad).toThrow(/prometheus text line 1/);
    }
  });

  it('round-trips any label value through the exposition escapes', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
        const { samples } = parsePrometheusText(`m{l="${escaped}"} 1`);
        expect(samples[0]?.labels.get('l')).toBe(value.replace(/\r$/, ''));
      }),
      { numRuns: 200 },
    );
  });
});

describe('exactInteger', () => {
  it('converts integral texts exactly, beyond 2^53', () => {
    expect(exactInteger('18446744073709551615')).toBe(18446744073709551615n);
    expect(exactInteger('1.8446744073709551615e19')).toBe(18446744073709551615n);
    expect(exactInteger('4.2e+06')).toBe(4200000n);
    expect(exactInteger('12.000')).toBe(12n);
    expect(exactInteger('1200e-2')).toBe(12n);
    expect(exactInteger('-3')).toBe(-3n);
  });

  it('refuses fractions and non-numbers', () => {
    for (const t of ['1.5', '1e-1', 'NaN', '+Inf', '', 'x']) expect(exactInteger(t), t).toBeUndefined();
  });

  it('agrees with BigInt on every integer written in exponent form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 70n }), fc.nat({ max: 20 }), (n, shift) => {
        const digits = n.toString();
        const cut = Math.max(1, digits.length - shift);
        const text = `${digits.slice(0, cut)}.${digits.slice(cut)}e${digits.length - cut}`;
        expect(exactInteger(text)).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('guestInterfaces', () => {
  it('maps kata_guest_netdev_stat items to interface counters, lo first', () => {
    const text = [
      'kata_guest_netdev_stat{interface="eth0",item="recv_bytes"} 1.8446744073709551615e+19',
      'kata_guest_netdev_stat{interface="eth0",item="sent_packets"} 9',
      'kata_guest_netdev_stat{interface="eth0",item="recv_fifo"} 5',
      'kata_guest_netdev_stat{interface="lo",item="recv_drop"} NaN',
      'kata_guest_netdev_stat{interface="lo",item="sent_errs"} 2',
      'kata_guest_netdev_stat{interface="eth0",item="constructor"} 3',
      'kata_guest_load{item="load1"} 0.5',
    ].join('\n');
    const zero = {
      rxBytes: 0n,
      rxPackets: 0n,
      rxErrors: 0n,
      rxDropped: 0n,
      txBytes: 0n,
      txPackets: 0n,
      txErrors: 0n,
      txDropped: 0n,
    };
    expect(guestInterfaces(parsePrometheusText(text).samples)).toEqual([
      { ...zero, name: 'lo', txErrors: 2n },
      { ...zero, name: 'eth0', rxBytes: 18446744073709551615n, txPackets: 9n },
    ]);
  });
});

describe('selectFamily', () => {
  it('keeps only the samples of one family, so a bad line elsewhere does not matter', () => {
    const text = [
      '# TYPE kata_guest_netdev_stat gauge',
      'kata_guest_netdev_stat{interface="lo",item="recv_bytes"} 5',
      'kata_guest_netdev_stat_extra{x="y"} 1',
      'kata_agent_process_weird{broken 7',
      '  kata_guest_netdev_stat 9',
    ].join('\n');
    const selected = selectFamily(text, GUEST_NETDEV_METRIC);
    expect(selected.split('\n')).toEqual([
      'kata_guest_netdev_stat{interface="lo",item="recv_bytes"} 5',
      '  kata_guest_netdev_stat 9',
    ]);
    expect(() => parsePrometheusText(text)).toThrow();
    expect(parsePrometheusText(selected).samples).toHaveLength(2);
  });
});
