export type { CgroupVmOptions, CgroupVmRun } from './run-in-cgroup-vm.js';
export { runInCgroupVm } from './run-in-cgroup-vm.js';
export type { GuestEntry } from './bundle-guest-script.js';
export type { GuestOutput } from './parse-guest-output.js';
export { parseGuestOutput } from './parse-guest-output.js';
export type { CheckResult } from './protocol.js';
export type { CgroupMode } from './protocol.js';
export {
  RESULT_MARKER,
  EXIT_MARKER,
  INIT_MARKER,
  GUEST_CONTROLLERS,
  GUEST_V1_CONTROLLERS,
  GUEST_PATHS,
} from './protocol.js';
export type { NewcEntry } from './initramfs/newc-archive.js';
export { encodeNewc } from './initramfs/newc-archive.js';
export type { GuestKernel } from './find-kernel.js';
export { findKernel } from './find-kernel.js';
