import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKernel } from './find-kernel.js';

describe('findKernel', () => {
  it('finds the installed Debian cloud kernel and its modules', async () => {
    const kernel = await findKernel({});
    expect(kernel.image).toMatch(/^\/boot\/vmlinuz-.*cloud/);
    expect(kernel.modulesDir).toBe(`/lib/modules/${kernel.version}`);
  });

  it('fails with the apt command when no cloud kernel is installed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-kernel-'));
    try {
      await expect(findKernel({}, empty)).rejects.toThrow('apt-get install -y linux-image-cloud-amd64');
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('fails naming the path when KATAMON_VM_KERNEL points nowhere', async () => {
    await expect(findKernel({ KATAMON_VM_KERNEL: '/nonexistent/vmlinuz-9.9.9-cloud-amd64' })).rejects.toThrow(
      '/nonexistent/vmlinuz-9.9.9-cloud-amd64 is missing',
    );
  });
});
