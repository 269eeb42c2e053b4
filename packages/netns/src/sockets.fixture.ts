/**
 * A node script (run inside a namespace with `ip netns exec … node -e`) that opens known sockets, prints
 * `ready`, and holds them until stdin closes: one IPv4 and one IPv6 listener, `est` established connections
 * (both ends), `tw` connections closed by the client first (client side in TIME_WAIT), and `udp4`/`udp6` bound
 * UDP sockets. With `bulk` it opens that many extra listening+connected pairs (for the benchmark). With
 * `closeListeners` both listeners are closed once the rest is set up.
 */
export function socketScript(options: {
  est: number;
  tw: number;
  udp4: number;
  udp6: number;
  bulk?: number;
  closeListeners?: boolean;
}): string {
  return `
const net = require('node:net');
const dgram = require('node:dgram');
const { est, tw, udp4, udp6, bulk, closeListeners } = ${JSON.stringify({ bulk: 0, closeListeners: false, ...options })};
const keep = [];
const listen = (host) => new Promise((resolve) => {
  const server = net.createServer((s) => { keep.push(s); s.on('end', () => s.end()); s.on('error', () => {}); });
  server.listen(0, host, () => resolve(server));
});
const connect = (port, host) => new Promise((resolve) => {
  const c = net.connect(port, host, () => resolve(c));
  c.on('error', () => {});
});
(async () => {
  const s4 = await listen('127.0.0.1');
  const s6 = await listen('::1');
  for (let i = 0; i < est + bulk; i++) keep.push(await connect(s4.address().port, '127.0.0.1'));
  const closing = [];
  for (let i = 0; i < tw; i++) {
    const c = await connect(s4.address().port, '127.0.0.1');
    closing.push(new Promise((r) => c.once('close', r)));
    c.end();
  }
  await Promise.all(closing);
  for (const [n, type, host] of [[udp4, 'udp4', '127.0.0.1'], [udp6, 'udp6', '::1']]) {
    for (let i = 0; i < n; i++) {
      const u = dgram.createSocket(type);
      await new Promise((r) => u.bind(0, host, r));
      keep.push(u);
    }
  }
  if (closeListeners) await Promise.all([s4, s6].map((s) => new Promise((r) => s.close(r))));
  // Let the last FIN/ACK exchanges settle into TIME_WAIT before reporting.
  setTimeout(() => process.stdout.write('ready\\n'), 200);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
})();
`;
}
