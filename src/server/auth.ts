// Who may write. Reads (the site, GET under /api) are public. A write (POST, PUT, PATCH, DELETE
// under /api) needs "Authorization: Bearer TOKEN" whenever a token is set, and a server that
// listens beyond this machine refuses to start without one (server.ts): on loopback alone only
// this machine's users can reach it. The token is compared in constant time, over sha-256 digests
// so that its length does not leak either.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { NewscastError } from '../errors.js';
import { HttpError } from './http-error.js';

export const tokenVariable = 'NEWSCAST_API_TOKEN';
/** Shorter tokens can be guessed; `openssl rand -hex 32` gives 64 characters. */
export const minTokenLength = 16;

/** Whether listening on `host` reaches only this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** The token the server requires, checked against where it listens. */
export function checkToken(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < minTokenLength) {
    throw new NewscastError('usage', `${tokenVariable} is ${token.length} characters long; newscast takes tokens of at least ${minTokenLength}.`, 'Use a long random secret, e.g. `openssl rand -hex 32`.');
  }
  if (token === undefined && !isLoopback(host)) {
    throw new NewscastError(
      'usage',
      `Listening on ${host} would let other machines write (submit and delete episodes), but ${tokenVariable} is not set.`,
      `Set ${tokenVariable} to a long random secret (e.g. \`export ${tokenVariable}=$(openssl rand -hex 32)\`), or listen on 127.0.0.1.`,
    );
  }
  return token;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Throws 401 (no bearer token given) or 403 (a wrong one) unless `req` carries `token`. */
export function requireBearer(req: IncomingMessage, token: string): void {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    throw new HttpError(401, 'unauthorized', 'This request changes the show, and needs the API token.', `Send the header "Authorization: Bearer <${tokenVariable}>".`, {
      'WWW-Authenticate': 'Bearer realm="newscast"',
    });
  }
  if (!timingSafeEqual(digest(match[1]!), digest(token))) {
    throw new HttpError(403, 'forbidden', 'The API token is wrong.', `Send the server's ${tokenVariable}.`);
  }
}
