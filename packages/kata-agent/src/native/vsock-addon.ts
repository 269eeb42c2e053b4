import { loadNativeAddon, type NativeAddonSpec } from '@katamon/sysfs';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** The `katamon_vsock` N-API addon (see native/vsock.c). */
export interface VsockAddon {
  connect(cid: number, port: number, timeoutMs: number): Promise<number>;
  placeholder(): number;
  adopt(targetFd: number, fd: number): void;
  closeFd(fd: number): void;
  socketPair(): [number, number];
}

/** Found by sysfs' addon loader: `native/` beside a build, else this package's node-gyp build. */
export const VSOCK_ADDON: NativeAddonSpec<VsockAddon> = {
  name: 'katamon_vsock',
  sourceBuild: () => new URL('../../native/build/Release/katamon_vsock.node', import.meta.url),
  accepts: (exports): exports is VsockAddon =>
    typeof exports.connect === 'function' && typeof exports.adopt === 'function',
  fallback: 'vsock:// agents are unsupported (unix://, hvsock:// and the other sources work)',
};

/**
 * The addon, built by `npm ci` and `npm run build` where a C compiler is (never at run time). Without it a
 * `vsock://` dial fails with kind `unsupported`; the loader has logged why, once.
 */
export function loadVsockAddon(target?: string): VsockAddon {
  const addon = loadNativeAddon(VSOCK_ADDON);
  if (addon === undefined)
    throw new KataAgentError(
      'unsupported',
      `${target === undefined ? '' : `cannot connect to ${target}: `}AF_VSOCK needs the katamon_vsock native addon, which is not loaded (KATAMON_NATIVE=0, or see the log)`,
      target === undefined ? {} : { path: target },
    );
  return addon;
}
