import { KataAgentError } from '../errors/kata-agent-error.js';

/** Where the agent listens, parsed from the forms the Kata runtime writes (kata-agent-protocol §3.1). */
export type AgentAddress =
  | { kind: 'vsock'; cid: number; port: number }
  | { kind: 'hvsock'; path: string; port: number }
  /** `unix://`, `mock://` and `remote://`: a plain unix socket, no handshake. */
  | { kind: 'unix'; path: string };

const U32_MAX = 0xffff_ffff;

function decimalU32(text: string, what: string, url: string): number {
  if (!/^[0-9]{1,10}$/.test(text) || Number(text) > U32_MAX) throw invalid(url, `${what} must be a decimal uint32`);
  return Number(text);
}

function invalid(url: string, why: string): KataAgentError {
  return new KataAgentError('invalid-argument', `invalid agent URL ${JSON.stringify(url)}: ${why}`, { path: url });
}

export function parseAgentUrl(url: string): AgentAddress {
  const sep = url.indexOf('://');
  if (sep < 0) throw invalid(url, 'no scheme');
  const scheme = url.slice(0, sep);
  const rest = url.slice(sep + 3);
  switch (scheme) {
    case 'vsock': {
      const m = /^([^:/]+):([^:/]+)$/.exec(rest);
      if (m === null) throw invalid(url, 'expected vsock://<cid>:<port>');
      return {
        kind: 'vsock',
        cid: decimalU32(m[1] as string, 'cid', url),
        port: decimalU32(m[2] as string, 'port', url),
      };
    }
    case 'hvsock': {
      // As the Go client does: the path may hold no ':' besides the one port suffix.
      const parts = rest.split(':');
      if (parts.length !== 2 || !(parts[0] as string).startsWith('/'))
        throw invalid(url, 'expected hvsock://<absolute path>:<port>');
      return { kind: 'hvsock', path: parts[0] as string, port: decimalU32(parts[1] as string, 'port', url) };
    }
    case 'unix':
    case 'mock':
    case 'remote':
      if (!rest.startsWith('/')) throw invalid(url, 'expected an absolute socket path');
      return { kind: 'unix', path: rest };
    default:
      throw invalid(url, `unsupported scheme ${JSON.stringify(scheme)}`);
  }
}
