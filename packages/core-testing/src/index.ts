export type { RuncContainer, RuncContainerOptions, RuncResult } from './runc/runc-container.js';
export { startRuncContainer, runcAvailable, IDLE_COMMAND, BUSY_COMMAND } from './runc/runc-container.js';
