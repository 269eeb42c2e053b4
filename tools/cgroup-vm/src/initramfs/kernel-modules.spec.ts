import { readFile } from 'node:fs/promises';
import { findKernel } from '../find-kernel.js';
import { moduleLoadOrder, moduleName, parseModulesDep } from './kernel-modules.js';

// Lines as in Debian 12's /lib/modules/6.1.0-*-cloud-amd64/modules.dep.
const DEP = [
  'kernel/drivers/virtio/virtio.ko:',
  'kernel/drivers/virtio/virtio_ring.ko:',
  'kernel/drivers/virtio/virtio_pci_legacy_dev.ko:',
  'kernel/drivers/virtio/virtio_pci_modern_dev.ko:',
  'kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko',
  'kernel/drivers/block/virtio_blk.ko.xz: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko',
  '',
].join('\n');

describe('kernel modules', () => {
  it('names modules as modprobe does', () => {
    expect(moduleName('kernel/drivers/block/virtio_blk.ko.xz')).toBe('virtio_blk');
    expect(moduleName('kernel/fs/fuse/virtio-fs.ko')).toBe('virtio_fs');
  });

  it('orders dependencies before their users, each once', () => {
    const order = moduleLoadOrder(parseModulesDep(DEP), ['virtio_pci', 'virtio-blk']);
    expect(order).toEqual([
      'kernel/drivers/virtio/virtio_pci_legacy_dev.ko',
      'kernel/drivers/virtio/virtio_pci_modern_dev.ko',
      'kernel/drivers/virtio/virtio_ring.ko',
      'kernel/drivers/virtio/virtio.ko',
      'kernel/drivers/virtio/virtio_pci.ko',
      'kernel/drivers/block/virtio_blk.ko.xz',
    ]);
  });

  it('names the module that is missing and who needs it', () => {
    const deps = parseModulesDep('kernel/a.ko: kernel/b.ko\n');
    expect(() => moduleLoadOrder(deps, ['a'])).toThrow('kernel module b (needed by a) is not in modules.dep');
  });

  it('resolves the disk modules of the installed cloud kernel', async () => {
    const kernel = await findKernel();
    const order = moduleLoadOrder(parseModulesDep(await readFile(`${kernel.modulesDir}/modules.dep`, 'utf8')), [
      'virtio_pci',
      'virtio_blk',
    ]);
    expect(order.map(moduleName).at(-1)).toBe('virtio_blk');
    expect(order.map(moduleName).indexOf('virtio')).toBeLessThan(order.map(moduleName).indexOf('virtio_pci'));
  });
});
