import { createStderrLogger } from './stderr-logger.js';

const now = () => new Date('2026-01-02T03:04:05.000Z');

describe('createStderrLogger', () => {
  it('writes logrus-like text lines at or above the level, and fatal as the bare message', () => {
    const lines: string[] = [];
    const log = createStderrLogger({ level: 'warn', format: 'text', write: (t) => void lines.push(t), now });
    log.info('hidden');
    log.error('sample failed', { container: 'abc', detail: 'two words' });
    log.fatal('Container ID (x) does not exist');
    expect(lines).toEqual([
      'time="2026-01-02T03:04:05.000Z" level=error msg="sample failed" container=abc detail="two words"\n',
      'Container ID (x) does not exist\n',
    ]);
  });

  it('writes one JSON object per line in json format', () => {
    const lines: string[] = [];
    const log = createStderrLogger({ level: 'debug', format: 'json', write: (t) => void lines.push(t), now });
    log.debug('d', { n: 1n });
    log.fatal('bad');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'debug', msg: 'd', time: '2026-01-02T03:04:05.000Z', n: '1' },
      { level: 'error', msg: 'bad', time: '2026-01-02T03:04:05.000Z' },
    ]);
  });
});
