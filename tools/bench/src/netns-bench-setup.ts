import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

// Namespaces for the netns benchmark: a measured namespace with lo + 9 veth ends (10 interfaces) whose peers
// live in a second namespace, and a process holding about 1,000 sockets in the measured one.

export interface BenchNetns {
  name: string;
  peer: string;
  holder: ChildProcess;
  holderPid: number;
  sockets: number;
  cleanup(): void;
}

const ip = (args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** 450 connections seen from both ends (900 ESTABLISHED), 48 TIME_WAIT, 2 listeners, 40 UDP + 10 UDP6. */
const SOCKETS_SCRIPT = `
const net = require('node:net'), dgram = require('node:dgram');
const keep = [];
const listen = (host) => new Promise((r) => { const s = net.createServer((c) => { keep.push(c); c.on('end', () => c.end()); c.on('error', () => {}); }); s.listen(0, host, () => r(s)); });
const connect = (port) => new Promise((r) => { const c = net.connect(port, '127.0.0.1', () => r(c)); c.on('error', () => {}); });
(async () => {
  const s4 = await listen('127.0.0.1'); await listen('::1');
  for (let i = 0; i < 450; i++) keep.push(await connect(s4.address().port));
  for (let i = 0; i < 48; i++) { const c = await connect(s4.address().port); await new Promise((r) => { c.once('close', r); c.end(); }); }
  for (const [n, type, host] of [[40, 'udp4', '127.0.0.1'], [10, 'udp6', '::1']])
    for (let i = 0; i < n; i++) { const u = dgram.createSocket(type); await new Promise((r) => u.bind(0, host, r)); keep.push(u); }
  setTimeout(() => process.stdout.write('ready\\n'), 300);
  process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
})();`;

export async function createBenchNetns(): Promise<BenchNetns> {
  const tag = Math.random().toString(36).slice(2, 8);
  const name = `katamon-t-bench-${tag}`;
  const peer = `katamon-t-peer-${tag}`;
  const cleanup = () => {
    for (const ns of [name, peer]) {
      try {
        ip(['netns', 'delete', ns]);
      } catch {
        // Not created (setup failed early).
      }
    }
  };
  try {
    ip(['netns', 'add', name]);
    ip(['netns', 'add', peer]);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
    for (let i = 0; i < 9; i++) {
      ip(['-n', name, 'link', 'add', `kb${i}`, 'type', 'veth', 'peer', 'name', `kp${i}`, 'netns', peer]);
      ip(['-n', name, 'link', 'set', `kb${i}`, 'up']);
    }
    const holder = spawn('ip', ['netns', 'exec', name, process.execPath, '-e', SOCKETS_SCRIPT], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
      holder.once('exit', (code) => reject(new Error(`socket holder exited with ${code}`)));
    });
    const holderPid = Number(execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).trim().split('\n')[0]);
    return {
      name,
      peer,
      holder,
      holderPid,
      sockets: 900 + 48 + 2 + 50,
      cleanup: () => {
        holder.kill('SIGKILL');
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * Runs inside the namespace (`ip netns exec` mounts a sysfs of that namespace): µs per read of all 8 counters of
 * every interface from /sys/class/net/<if>/statistics (descriptors held, positional reads) against one
 * positional read loop of /proc/self/net/dev.
 */
export const SYSFS_VS_PROCFS_SCRIPT = `
const fs = require('node:fs');
const names = fs.readdirSync('/sys/class/net');
const counters = ['rx_bytes','rx_packets','rx_errors','rx_dropped','tx_bytes','tx_packets','tx_errors','tx_dropped'];
const fds = names.flatMap((n) => counters.map((c) => fs.openSync('/sys/class/net/' + n + '/statistics/' + c, 'r')));
const dev = fs.openSync('/proc/self/net/dev', 'r');
const buf = Buffer.alloc(65536);
const sysfs = () => { let s = 0; for (const fd of fds) s += fs.readSync(fd, buf, 0, 64, 0); return s; };
const procfs = () => { let n, off = 0; while ((n = fs.readSync(dev, buf, off, buf.length - off, off)) > 0) off += n; return off; };
const time = (fn, iterations) => { const t = process.hrtime.bigint(); for (let i = 0; i < iterations; i++) fn(); return Number(process.hrtime.bigint() - t) / 1000 / iterations; };
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
time(sysfs, 200); time(procfs, 200);
const s = [], p = [];
for (let r = 0; r < 9; r++) { s.push(time(sysfs, 500)); p.push(time(procfs, 500)); }
process.stdout.write(JSON.stringify({ interfaces: names.length, files: fds.length, sysfsUs: med(s), procNetDevUs: med(p) }));`;
