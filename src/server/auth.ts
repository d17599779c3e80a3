// Who may write. Reads (the site, GET under /api) are public. A write (POST, PUT, PATCH, DELETE
// under /api) needs "Authorization: Bearer TOKEN" whenever a token is set, and a server that
// listens beyond this machine refuses to start without one (server.ts): on loopback alone only
// this machine's users can reach it. The token is compared in constant time, over sha-256 digests
// so that its length does not leak either.
//
// "This machine's users" includes every web page its browser opens: a page on any site can send a
// DELETE (after a preflight) or a plain-text POST (without one) to 127.0.0.1, or reach it under its
// own name through DNS rebinding. So without a token a write must name a loopback host and come
// from no other origin than the server's own (clients that are not browsers send no Origin).
// The Host header is the client's word: a reverse proxy on this machine that sends Host: 127.0.0.1
// would pass anyone's writes, which is why the README says to set the token behind a proxy.
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
  // "Authorization: Bearer TOKEN" cannot carry white space (requireBearer's \S+): every write would be a 403.
  if (token !== undefined && /\s/.test(token)) {
    throw new NewscastError('usage', `${tokenVariable} holds white space (a space, tab or line break), which no "Authorization: Bearer" header can carry.`, 'Use a long random secret without spaces, e.g. `openssl rand -hex 32`.');
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

/** Without a token: a write from this machine's own clients only (see the top of this file). */
export function requireLocalWriter(req: IncomingMessage): void {
  const host = req.headers.host ?? '';
  const hostname = /^(\[[^\]]*\]|[^:]*)(:\d+)?$/.exec(host)?.[1] ?? '';
  const withToken = `Set ${tokenVariable} on the server and send "Authorization: Bearer <${tokenVariable}>".`;
  if (!isLoopback(hostname)) {
    throw new HttpError(403, 'forbidden', `Without a token, this server takes writes only addressed to this machine (127.0.0.1, localhost), not to "${host}".`, withToken);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    throw new HttpError(403, 'forbidden', `A web page of another origin (${origin}) may not write to this server without a token.`, withToken);
  }
}
