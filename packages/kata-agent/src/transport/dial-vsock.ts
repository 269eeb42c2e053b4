import { Socket } from 'node:net';
import { loadVsockAddon } from '../native/vsock-addon.js';
import { connectError } from './socket-errors.js';

/**
 * AF_VSOCK connect through the addon. libuv will not wrap an AF_VSOCK fd, so net.Socket wraps a unix
 * placeholder fd first and the connected vsock fd is then dup'ed over it, before any read is started.
 */
export async function dialVsock(cid: number, port: number, timeoutMs: number): Promise<Socket> {
  const target = `vsock://${cid}:${port}`;
  const addon = loadVsockAddon(target);
  let fd: number;
  try {
    fd = await addon.connect(cid, port, Math.max(1, Math.round(timeoutMs)));
  } catch (err) {
    throw connectError(err, target);
  }
  return adoptSocket(fd, target);
}

/** Wraps a connected, non-blocking stream-socket fd of any family in a net.Socket. */
export async function adoptSocket(fd: number, target: string): Promise<Socket> {
  const addon = loadVsockAddon(target);
  const placeholder = addon.placeholder();
  let socket: Socket;
  try {
    socket = new Socket({ fd: placeholder, readable: true, writable: true, manualStart: true } as ConstructorParameters<
      typeof Socket
    >[0]);
  } catch (err) {
    addon.closeFd(placeholder);
    addon.closeFd(fd);
    throw connectError(err, target);
  }
  try {
    addon.adopt(placeholder, fd);
  } catch (err) {
    addon.closeFd(fd);
    socket.destroy();
    throw connectError(err, target);
  }
  return socket;
}
