import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KatamonError } from '@katamon/core';
import { isPresentableToken } from '../http/bearer-auth.js';
import type { ServerArgs } from './server-args.js';

/** Longest token accepted: it travels in a request header. */
const MAX_TOKEN_LENGTH = 4096;

/** The files the flags name, read and checked before anything starts. */
export interface StartFiles {
  token?: string;
  tls?: { cert: Buffer; key: Buffer };
}

/**
 * Reads `--token-file`, `--tls-cert` and `--tls-key` and checks them, so that a server that starts is one
 * that works: a token a client can present (one word of visible ASCII, within the header limit: a token with a
 * space would start a server no request can authenticate to), a PEM certificate and a private key. Each
 * problem is one line naming the flag and the file (kind `invalid-argument`: the usage exit status).
 */
export function readStartFiles(args: ServerArgs): StartFiles {
  const files: StartFiles = {};
  if (args.tokenFile !== undefined) {
    const token = read('--token-file', args.tokenFile).toString('utf8').trim();
    const problem = checkToken(token);
    if (problem !== undefined) throw bad('--token-file', args.tokenFile, problem);
    files.token = token;
  }
  if (args.tlsCert !== undefined && args.tlsKey !== undefined) {
    const cert = read('--tls-cert', args.tlsCert);
    const key = read('--tls-key', args.tlsKey);
    try {
      new X509Certificate(cert);
    } catch {
      throw bad('--tls-cert', args.tlsCert, 'is not a PEM certificate');
    }
    try {
      createPrivateKey(key);
    } catch {
      throw bad('--tls-key', args.tlsKey, 'is not a PEM private key');
    }
    files.tls = { cert, key };
  }
  return files;
}

/** What is wrong with a (trimmed) token, or undefined when a client can present it. */
export function checkToken(token: string): string | undefined {
  if (token === '') return 'is empty';
  if (token.length > MAX_TOKEN_LENGTH) return `holds more than ${MAX_TOKEN_LENGTH} characters`;
  if (!isPresentableToken(token))
    return 'holds a token with a space, a control or a non-ASCII character: "Authorization: Bearer <token>" cannot carry it';
  return undefined;
}

function read(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw bad(flag, path, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`);
  }
}

function bad(flag: string, path: string, problem: string): KatamonError {
  return new KatamonError('invalid-argument', `${flag} ${path} ${problem}`, { path });
}
