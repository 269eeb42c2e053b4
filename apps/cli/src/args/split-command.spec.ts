import { asksForHelp, splitCommand } from './split-command.js';

describe('splitCommand', () => {
  it('skips known global flags and their values before the command', () => {
    expect(splitCommand(['--root', '/a', '-log-level=debug', 'events', 'x'])).toEqual({
      leading: ['--root', '/a', '-log-level=debug'],
      command: 'events',
      rest: ['x'],
    });
  });

  it('stops at anything else, so --help and --version reach yargs', () => {
    expect(splitCommand(['--version']).command).toBeUndefined();
    expect(splitCommand(['--root', '/a', '--help', 'events']).command).toBeUndefined();
  });

  it('finds help requests before a --', () => {
    expect(asksForHelp(['x', '-h'])).toBe(true);
    expect(asksForHelp(['x', '-help'])).toBe(true);
    expect(asksForHelp(['x', '--', '--help'])).toBe(false);
    expect(asksForHelp(['x', '--stats'])).toBe(false);
  });
});
