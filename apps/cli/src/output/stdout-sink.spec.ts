import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createStdoutSink } from './stdout-sink.js';

const lines = (n: number, width: number) =>
  Array.from({ length: n }, (_, i) => `${String(i).padStart(6, '0')} ${'x'.repeat(width)} é\n`);

describe('createStdoutSink', () => {
  it('writes a descriptor directly, whole lines in order, without creating the stream', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-sink-'));
    const fd = openSync(join(dir, 'out'), 'w');
    let created = false;
    const sink = createStdoutSink({
      fd,
      stream: () => ((created = true), new PassThrough()),
      onClosed: () => expect.fail('closed'),
    });
    const text = lines(100, 50);
    for (const line of text) expect(sink.write(line)).toBe(true);
    closeSync(fd);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(text.join(''));
    expect(created).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('hands over to the stream when a non-blocking pipe is full, losing and reordering nothing', async () => {
    const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    cat.stdout.on('data', (c: Buffer) => chunks.push(c));
    // The parent's end of a child's stdin is non-blocking (libuv): 4 MiB written in a synchronous loop
    // must overrun its 64 KiB buffer.
    const fd = (cat.stdin as unknown as { _handle: { fd: number } })._handle.fd;
    let handedOver = false;
    const sink = createStdoutSink({
      fd,
      stream: () => ((handedOver = true), cat.stdin),
      onClosed: (e) => expect.fail(String(e)),
    });
    const text = lines(20_000, 200);
    for (const line of text) sink.write(line);
    expect(handedOver).toBe(true);
    cat.stdin.end();
    await new Promise((resolve) => cat.on('close', resolve));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text.join(''));
  });

  it('reports EPIPE once when the reader went away, then refuses to write', async () => {
    // The reader closes its end and lives on (a `| head -1` that is done).
    const child = spawn('sh', ['-c', 'exec 0<&- && echo closed && exec sleep 30'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const errors: string[] = [];
    const sink = createStdoutSink({ fd, stream: () => child.stdin, onClosed: (e) => errors.push(String(e.code)) });
    expect(sink.write('a\n')).toBe(false);
    expect(sink.write('b\n')).toBe(false);
    expect(errors).toEqual(['EPIPE']);
    expect(sink.closed).toBe(true);
    child.kill('SIGKILL');
  });

  it('writes through the stream when no descriptor is given', () => {
    const stream = new PassThrough();
    const sink = createStdoutSink({ stream, onClosed: () => expect.fail('closed') });
    sink.write('one\n');
    sink.write('two\n');
    expect(String(stream.read())).toBe('one\ntwo\n');
  });
});
