import { fakeKatamon, harness, ref } from './testing/cli-harness.js';

// Every command line katamon refuses exits 1 (kata-runtime's usage status) with one message on stderr,
// nothing on stdout, and without running the command.
describe('usage errors', () => {
  it.each<[string[], RegExp]>([
    [['list', '--bogus'], /^Unknown argument: bogus\n/],
    [['list', '-f'], /^Unknown argument: f\n/],
    [['list', 'extra'], /^Unknown argument: extra\n/],
    [['top', '--format=yaml'], /^Invalid values: Argument: format, Given: "yaml", Choices: "table", "json"\n/],
    [['top', '--bogus'], /^Unknown argument: bogus\n/],
    [['top', '--no-stream=3'], /^invalid boolean value "3" for -no-stream: parse error\n/],
    [['list', '--format'], /^Not enough arguments following: format\n/],
    [['--log-level', 'loud', 'list'], /^Invalid values: Argument: log-level, Given: "loud", Choices: /],
    [['--bogus', 'events', 'x'], /^Unknown argument: bogus\n/],
    [['completion', '--bogus'], /^flag provided but not defined: -bogus\n/],
    [['completion', 'extra'], /^Unknown argument: extra\n/],
  ])('%j', async (args, message) => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon);
    expect(await h.run(args)).toBe(1);
    expect(h.err.join('')).toMatch(message);
    expect(h.err.join('').match(/\n/g)).toHaveLength(2); // the message and "Run 'katamon --help' for usage."
    expect(h.text()).toBe('');
    expect(h.created).toEqual([]);
  });

  it('reads bool values as Go does, and a repeated value flag keeps its last value', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon);
    expect(await h.run(['top', '--no-stream=t', '--interval', '1ms', '--format', 'table', '--format', 'json'])).toBe(0);
    expect(JSON.parse(h.text().trim())).toMatchObject({ id: 'one' });
  });
});
