/** One module of `modules.dep`: its path relative to /lib/modules/<version> and its dependencies. */
export interface ModuleInfo {
  path: string;
  deps: string[];
}

/** "kernel/drivers/block/virtio_blk.ko.xz" → "virtio_blk" (modprobe treats - and _ alike). */
export function moduleName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ko(\.(xz|zst|gz))?$/, '').replaceAll('-', '_');
}

export function parseModulesDep(text: string): Map<string, ModuleInfo> {
  const modules = new Map<string, ModuleInfo>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const path = line.slice(0, colon).trim();
    const deps = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(moduleName);
    modules.set(moduleName(path), { path, deps });
  }
  return modules;
}

/** The paths to insmod, dependencies first, each once; an unknown name is an error naming it. */
export function moduleLoadOrder(modules: Map<string, ModuleInfo>, wanted: readonly string[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, via: string): void => {
    const info = modules.get(name);
    if (!info) throw new Error(`kernel module ${name} (needed by ${via}) is not in modules.dep`);
    if (order.includes(info.path)) return;
    if (visiting.has(name)) throw new Error(`kernel module dependency cycle through ${name}`);
    visiting.add(name);
    for (const dep of info.deps) visit(dep, name);
    visiting.delete(name);
    order.push(info.path);
  };
  for (const name of wanted) visit(moduleName(name), 'the VM');
  return order;
}
