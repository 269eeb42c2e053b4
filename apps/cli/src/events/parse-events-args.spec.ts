import { KatamonError } from '@katamon/core';
import { parseEventsArgs } from './parse-events-args.js';

function failure(args: string[]): { kind: string; message: string } {
  try {
    parseEventsArgs(args);
  } catch (error) {
    if (!KatamonError.is(error)) throw error;
    return { kind: error.kind, message: error.message };
  }
  throw new Error(`expected ${JSON.stringify(args)} to fail`);
}

describe('parseEventsArgs', () => {
  it('defaults to a 5s interval, kata schema, compact, streaming', () => {
    expect(parseEventsArgs(['abc']).request).toEqual({
      ids: ['abc'],
      all: false,
      intervalNs: 5_000_000_000n,
      stats: false,
      schema: 'kata',
      pretty: false,
      filter: {},
    });
  });

  it('accepts flags after ids and several ids', () => {
    const { request } = parseEventsArgs(['a', '--interval', '1m30s', 'b', '-schema=runc', '--pretty', '--stats']);
    expect(request).toMatchObject({
      ids: ['a', 'b'],
      intervalNs: 90_000_000_000n,
      schema: 'runc',
      pretty: true,
      stats: true,
    });
  });

  it('merges global flags given before the command with those after', () => {
    const { flags } = parseEventsArgs(['a', '--root', '/b'], { root: ['/a'], 'log-level': 'debug' });
    expect(flags.root).toEqual(['/a', '/b']);
    expect(flags['log-level']).toBe('debug');
  });

  it.each([
    [['--interval', 'abc', 'x'], 'invalid value "abc" for flag -interval: time: invalid duration "abc"'],
    [['--interval', '5', 'x'], 'invalid value "5" for flag -interval: time: missing unit in duration "5"'],
    [['--interval=1d', 'x'], 'invalid value "1d" for flag -interval: time: unknown unit "d" in duration "1d"'],
    [['--schema', 'docker', 'x'], 'invalid value "docker" for flag -schema: must be one of kata, runc, full'],
    [[], 'container id cannot be empty'],
    [[''], 'container id cannot be empty'],
    [['--stats'], 'container id cannot be empty'],
    [['x', '--interval', '0'], 'duration interval must be greater than 0'],
    [['x', '--interval', '-1s', '--stats'], 'duration interval must be greater than 0'],
    [['--all', 'x'], '--all cannot be combined with container ids'],
    [['--engine', 'docker', 'x'], '--engine, --label and --name filter --all'],
    [['--all', '--label', '=v'], 'invalid label filter "=v": want key=value'],
  ])('%j fails with %s', (args, message) => {
    const result = failure(args);
    expect(result.kind).toBe('invalid-argument');
    expect(result.message).toBe(message);
  });

  it('checks the missing id before the interval, as kata-runtime does', () => {
    expect(failure(['--interval', '0']).message).toBe('container id cannot be empty');
  });

  it('takes --all instead of ids', () => {
    expect(parseEventsArgs(['--all', '--stats']).request).toMatchObject({ all: true, ids: [] });
  });

  it('takes filters for --all, Go style, repeatable', () => {
    const { request } = parseEventsArgs([
      '--all',
      '-engine=docker',
      '--label',
      'app=web',
      '--label',
      'tier',
      '--name',
      'w',
    ]);
    expect(request.filter).toEqual({
      engines: ['docker'],
      labels: [{ key: 'app', value: 'web' }, { key: 'tier' }],
      names: ['w'],
    });
  });
});
