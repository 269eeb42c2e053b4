import { fc, test } from '@fast-check/vitest';
import { tcpTableMayHaveLines } from './tcp-in-use.js';

// As a 6.18 kernel prints them.
const sockstat = (inuse: number, tw: number) =>
  `sockets: used 3\nTCP: inuse ${inuse} orphan 0 tw ${tw} alloc ${inuse + 1} mem 179\nUDP: inuse 0 mem 0\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n`;
const sockstat6 = (inuse: number) =>
  `TCP6: inuse ${inuse}\nUDP6: inuse 0\nUDPLITE6: inuse 0\nRAW6: inuse 0\nFRAG6: inuse 0 memory 0\n`;

describe('tcpTableMayHaveLines', () => {
  test.prop([fc.nat(100), fc.nat(100), fc.nat(100)])(
    'is false only when the family has no socket in use and no TIME_WAIT exists',
    (v4, v6, tw) => {
      expect(tcpTableMayHaveLines(sockstat(v4, tw), 'TCP')).toBe(v4 > 0 || tw > 0);
      expect(tcpTableMayHaveLines(sockstat(v4, tw), 'TCP6', () => sockstat6(v6))).toBe(v6 > 0 || tw > 0);
    },
  );

  it('answers "maybe" to anything it does not recognise', () => {
    const maybe = [
      '',
      'sockets: used 0\n',
      'TCP: inuse 0 orphan 0 alloc 0 mem 0\n', // no tw
      'TCP: inuse x orphan 0 tw 0 alloc 0 mem 0\n',
      'TCP: inuse -1 orphan 0 tw 0 alloc 0 mem 0\n',
      'TCP: orphan inuse tw 0 alloc 0 mem 0\n', // a name where a value belongs
      'TCP: inuse 99999999999999999999 orphan 0 tw 0\n',
      'XTCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0\n',
    ];
    for (const text of maybe) expect({ text, maybe: tcpTableMayHaveLines(text, 'TCP') }).toEqual({ text, maybe: true });
    expect(tcpTableMayHaveLines(sockstat(0, 0), 'TCP6')).toBe(true); // no sockstat6
    expect(tcpTableMayHaveLines(sockstat(0, 0), 'TCP6', () => undefined)).toBe(true);
    expect(tcpTableMayHaveLines(sockstat(0, 0), 'TCP6', () => 'TCP6: inuse\n')).toBe(true);
    expect(tcpTableMayHaveLines('TCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0', 'TCP')).toBe(false); // no final newline
  });
});
