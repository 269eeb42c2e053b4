import { statSync } from 'node:fs';
import { KatamonError, type ContainerRef, type SourceResult, type StatsSource } from '@katamon/core';
import { findProcessInNetns, netnsOfPid, sameNs, type NsId } from './find-process-in-netns.js';
import { netnsTargetOf, type NetnsTarget } from './netns-target.js';
import { NetnsReader } from './netns-reader.js';
import { nsenterCommand, parkHelperInNetns, type EnterCommand } from './park-helper-in-netns.js';

export interface NetnsSourceOptions {
  procRoot?: string;
  /** How the fallback enters a namespace no process is in (default `nsenter --net=<path> -- cat`). */
  enterCommand?: EnterCommand;
}

/** How a namespace's files were opened: through the ref's process, another process found in it, or a helper. */
export type OpenedVia = 'pid' | 'scan' | 'helper';

interface Open {
  ns: NsId;
  reader: NetnsReader;
  via: OpenedVia;
}

/**
 * The `network` section from a network namespace: interfaces in ifindex order (`lo` included, as openEuler's
 * kata shows it), TCP/TCP6 state counts and UDP/UDP6 sums with the kernel's meaning. It does not fill runc's
 * `network_interfaces` (host-side veth counters of networks runc itself created): runc prints `null` for every
 * container it did not configure veth networks for, which is every container started by a CNI-based engine.
 *
 * Cost per sample: one stat of the namespace path (is it still the same namespace?) and positional reads of
 * five /proc files held open. The files are opened once per namespace.
 */
export class NetnsSource implements StatsSource {
  readonly name = 'netns';
  private readonly open = new Map<string, Promise<Open>>();
  private readonly procRoot: string;
  private readonly enter: EnterCommand;

  constructor(options: NetnsSourceOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.enter = options.enterCommand ?? nsenterCommand;
  }

  probe(ref: ContainerRef): 'handle' | 'skip' {
    return netnsTargetOf(ref) ? 'handle' : 'skip';
  }

  async collect(ref: ContainerRef, signal?: AbortSignal): Promise<SourceResult> {
    signal?.throwIfAborted();
    const target = netnsTargetOf(ref);
    if (!target) throw new KatamonError('unsupported', `container ${ref.id} has no network namespace`);
    const ns = this.identify(target);
    let pending = this.open.get(target.path);
    if (pending) {
      const current = await pending.catch(() => undefined);
      if (!current || !sameNs(current.ns, ns)) {
        this.forget(target.path, current);
        if (current && target.processBound) throw this.gone(target);
        pending = undefined;
      }
    }
    if (!pending) {
      pending = this.openNamespace(target, ns);
      this.open.set(target.path, pending);
      pending.catch(() => this.open.delete(target.path));
    }
    const { reader } = await pending;
    signal?.throwIfAborted();
    const { network, issues } = reader.read();
    return issues.length > 0 ? { stats: { network }, issues } : { stats: { network } };
  }

  /** How the namespace of `ref` is currently read (for diagnostics and the benchmark). */
  async openedVia(ref: ContainerRef): Promise<OpenedVia | undefined> {
    const target = netnsTargetOf(ref);
    return target ? (await this.open.get(target.path)?.catch(() => undefined))?.via : undefined;
  }

  async release(ref?: ContainerRef): Promise<void> {
    const paths = ref ? [netnsTargetOf(ref)?.path].filter((p): p is string => p !== undefined) : [...this.open.keys()];
    for (const path of paths) this.forget(path, await this.open.get(path)?.catch(() => undefined));
  }

  private identify(target: NetnsTarget): NsId {
    try {
      const st = statSync(target.path);
      return { dev: st.dev, ino: st.ino };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ESRCH') {
        this.forget(target.path);
        throw this.gone(target);
      }
      throw new KatamonError('io', `cannot stat ${target.path}: ${(error as Error).message}`, {
        path: target.path,
        cause: error,
      });
    }
  }

  private async openNamespace(target: NetnsTarget, ns: NsId): Promise<Open> {
    if (target.pid !== undefined && sameNs(netnsOfPid(target.pid, this.procRoot), ns)) {
      const opened = this.openThrough(target.pid, ns, 'pid');
      if (opened) return opened;
    }
    const found = findProcessInNetns(ns, this.procRoot, target.pid);
    if (found !== undefined) {
      const opened = this.openThrough(found, ns, 'scan');
      if (opened) return opened;
    }
    const helper = await parkHelperInNetns(target.path, ns, this.enter);
    try {
      const opened = this.openThrough(helper.pid, ns, 'helper');
      if (!opened)
        throw new KatamonError('unavailable', `helper left network namespace ${target.path}`, { path: target.path });
      return opened;
    } finally {
      await helper.release();
    }
  }

  /** Opens through `pid`, then checks it was still in `ns` afterwards (it may have exited, its pid reused). */
  private openThrough(pid: number, ns: NsId, via: OpenedVia): Open | undefined {
    let reader: NetnsReader;
    try {
      reader = new NetnsReader(pid, this.procRoot);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw new KatamonError('io', `cannot open ${this.procRoot}/${pid}/net: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (sameNs(netnsOfPid(pid, this.procRoot), ns)) return { ns, reader, via };
    reader.close();
    return undefined;
  }

  private forget(path: string, open?: Open): void {
    open?.reader.close();
    this.open.delete(path);
  }

  private gone(target: NetnsTarget): KatamonError {
    return new KatamonError('gone', `network namespace ${target.path} is gone`, { path: target.path });
  }
}
