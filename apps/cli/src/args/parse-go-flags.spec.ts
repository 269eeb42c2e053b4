import { KatamonError } from '@katamon/core';
import { parseGoFlags, type FlagSpec } from './parse-go-flags.js';

const specs: FlagSpec[] = [
  { name: 'interval', kind: 'value' },
  { name: 'stats', kind: 'bool' },
  { name: 'root', kind: 'list' },
];

function errorOf(args: string[]): string {
  try {
    parseGoFlags(args, specs);
  } catch (error) {
    expect(KatamonError.isKind(error, 'invalid-argument')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseGoFlags', () => {
  it.each([
    [['--interval', '3s', 'abc'], '3s', ['abc']],
    [['--interval=3s', 'abc'], '3s', ['abc']],
    [['-interval', '3s', 'abc'], '3s', ['abc']],
    [['-interval=3s', 'abc'], '3s', ['abc']],
    [['abc', '--interval', '3s'], '3s', ['abc']],
    [['abc', '-interval=3s', 'def'], '3s', ['abc', 'def']],
    [['--interval', '-1s', 'abc'], '-1s', ['abc']],
  ])('reads %j as Go flag + urfave reorder do', (args, interval, positionals) => {
    const parsed = parseGoFlags(args, specs);
    expect(parsed.values.get('interval')).toBe(interval);
    expect(parsed.positionals).toEqual(positionals);
  });

  it('takes bool flags bare or with =value only', () => {
    expect(parseGoFlags(['--stats', 'x'], specs).values.get('stats')).toBe(true);
    expect(parseGoFlags(['-stats=false', 'x'], specs).values.get('stats')).toBe(false);
    expect(parseGoFlags(['--stats=T', 'x'], specs).values.get('stats')).toBe(true);
    // `--stats false` does not work in Go either: false becomes a positional.
    expect(parseGoFlags(['--stats', 'false'], specs).positionals).toEqual(['false']);
  });

  it('collects repeated list flags and keeps the last value of others', () => {
    const parsed = parseGoFlags(['--root', '/a', '-root=/b', '--interval', '1s', '--interval', '2s'], specs);
    expect(parsed.values.get('root')).toEqual(['/a', '/b']);
    expect(parsed.values.get('interval')).toBe('2s');
  });

  it('stops reading flags at --', () => {
    const parsed = parseGoFlags(['--stats', '--', '--interval', '-x'], specs);
    expect(parsed.positionals).toEqual(['--interval', '-x']);
    expect(parsed.values.has('interval')).toBe(false);
  });

  it('treats a lone - as a positional', () => {
    expect(parseGoFlags(['-'], specs).positionals).toEqual(['-']);
  });

  it.each([
    [['--bogus'], 'flag provided but not defined: -bogus'],
    [['-bogus=1', 'x'], 'flag provided but not defined: -bogus'],
    [['x', '--interval'], 'flag needs an argument: -interval'],
    [['--stats=maybe'], 'invalid boolean value "maybe" for -stats: parse error'],
    [['---stats'], 'bad flag syntax: ---stats'],
    [['-=x'], 'bad flag syntax: -=x'],
  ])('rejects %j with Go text', (args, message) => {
    expect(errorOf(args)).toBe(message);
  });
});
