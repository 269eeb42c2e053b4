import { execFileSync } from 'node:child_process';
import { parseLddOutput } from './shared-libraries.js';

describe('parseLddOutput', () => {
  it('takes the resolved paths and the interpreter, not the vDSO', () => {
    const text = [
      '\tlinux-vdso.so.1 (0x00007ffd4a1f2000)',
      '\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f5f19449000)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f5f18f3e000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f5f19465000)',
    ].join('\n');
    expect(parseLddOutput(text)).toEqual([
      '/lib/x86_64-linux-gnu/libdl.so.2',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });

  it('finds libc and the loader for this node', () => {
    const libs = parseLddOutput(execFileSync('ldd', [process.execPath], { encoding: 'utf8' }));
    expect(libs.some((l) => /\/libc\.so\.6$/.test(l))).toBe(true);
    expect(libs.some((l) => /\/ld-linux-x86-64\.so\.2$/.test(l))).toBe(true);
  });
});
