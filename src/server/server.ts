// startServer: OUTDIR's files at /, the JSON API under /api, on Node's own http server. Each
// request: logged (request-log.ts), compressed when it is text and the client takes gzip or br
// (expressjs `compression`), open to any origin (cors.ts), then either an API route (router.ts;
// writes need the token, auth.ts) or a file of the site (static-files.ts). Every error is JSON.
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import { maxArticleBytes } from '../article/size-limit.js';
import { NewscastError } from '../errors.js';
import { forTerminal } from '../terminal-text.js';
import { checkToken, requireBearer, requireLocalWriter } from './auth.js';
import { allowAnyOrigin, answerPreflight } from './cors.js';
import { mountEpisodeRoutes } from './episodes-routes.js';
import { isCompressibleType } from './file-kinds.js';
import { HttpError, sendError, toHttpError } from './http-error.js';
import { isWrite, mountOpenApi } from './openapi.js';
import { warnIfFeedIsLocal } from './local-feed-warning.js';
import { logRequest } from './request-log.js';
import { Router, type MountRoutes } from './router.js';
import type { ServerContext } from './server-context.js';
import { serveSiteFile, siteMethods } from './static-files.js';

export interface ServerOptions {
  /** The folder to serve: `newscast generate -o`'s. */
  outDir: string;
  /** Default 8080; 0 takes a free port (see the result's `port`). */
  port?: number;
  /** Default 127.0.0.1. Any address beyond loopback needs `token`. */
  host?: string;
  /** Bearer token for writes (the CLI passes NEWSCAST_API_TOKEN); at least 16 characters. */
  token?: string;
  /** Largest request body, default 16 MB (the largest article newscast reads). */
  bodyLimitBytes?: number;
  /** Where the request log and warnings go, a line at a time; default stderr. */
  log?: (line: string) => void;
  /** No request log (warnings are still logged). */
  quiet?: boolean;
  /** More API routes (the jobs'); mounted after the episodes' and before /api/openapi.json. */
  routes?: MountRoutes[];
  /** How long close() waits for requests under way before cutting them off; default 10 s. */
  shutdownGraceMs?: number;
  /** Held around OUTDIR's publishing lock (DELETE rebuilds the feed) when workers on other hosts publish there too. */
  sharedLock?: ServerContext['sharedLock'];
}

export interface RunningServer {
  /** "http://127.0.0.1:PORT/" */
  url: string;
  host: string;
  port: number;
  router: Router;
  /** Stops accepting, lets requests under way finish (up to the grace), then runs the onClose hooks. */
  close(): Promise<void>;
}

const textCompression = compression({
  threshold: 1024,
  // Whole text bodies only: a 206's Content-Range counts bytes of the file, not of a gzip stream.
  filter: (_req, res) => res.statusCode === 200 && isCompressibleType(res.getHeader('Content-Type')?.toString()),
});

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = checkToken(host, options.token);
  const root = await servedFolder(options.outDir);
  const writeLine = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const closing = new AbortController();
  const closeHooks: (() => Promise<void> | void)[] = [];
  const context: ServerContext = {
    outDir: root,
    ...(token === undefined ? {} : { token }),
    bodyLimitBytes: options.bodyLimitBytes ?? maxArticleBytes,
    closing: closing.signal,
    onClose: (hook) => closeHooks.push(hook),
    warn: (message) => writeLine(`newscast: warning: ${forTerminal(message)}`),
    ...(options.sharedLock && { sharedLock: options.sharedLock }),
  };
  await warnIfFeedIsLocal(root, context.warn);
  const router = new Router();
  for (const mount of [mountEpisodeRoutes, ...(options.routes ?? []), mountOpenApi]) mount(router, context);

  const server = createServer((req, res) => {
    if (!options.quiet) logRequest(req, res, writeLine);
    if (closing.signal.aborted) res.setHeader('Connection', 'close');
    // Closing: a keep-alive connection is closed as soon as its request is answered (once Node has
    // marked it idle), not when its keep-alive times out.
    res.once('finish', () => {
      if (closing.signal.aborted) setImmediate(() => server.closeIdleConnections());
    });
    textCompression(req, res, () => {
      answer(req, res, router, context).catch((error: unknown) => {
        if (toHttpError(error).status >= 500) context.warn(`${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
        sendError(res, error);
      });
    });
  });
  await listen(server, options.port ?? 8080, host);
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing.abort();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await stopped;
      clearTimeout(cutOff);
      for (const hook of closeHooks) await hook();
    })());
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, host, port, router, close };
}

async function answer(req: IncomingMessage, res: ServerResponse, router: Router, context: ServerContext): Promise<void> {
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rawUrl.slice(queryAt);
  const method = req.method ?? 'GET';
  allowAnyOrigin(res);
  res.setHeader('X-Content-Type-Options', 'nosniff');

  if (rawPath === '/api' || rawPath.startsWith('/api/')) {
    const match = router.match(method === 'OPTIONS' ? '' : method, rawPath);
    if (match && 'route' in match) {
      res.setHeader('Cache-Control', 'no-store');
      if (isWrite(match.route)) {
        if (context.token !== undefined) requireBearer(req, context.token);
        else requireLocalWriter(req);
      }
      const url = new URL(rawUrl, 'http://newscast.invalid');
      await match.route.handle({ req, res, params: match.params, url, server: context });
      return;
    }
    if (match) {
      const allowed = [...match.allowed, ...(match.allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
      if (method === 'OPTIONS') return answerPreflight(req, res, allowed);
      throw new HttpError(405, 'method', `${method} is not allowed on ${rawPath}.`, `Use ${allowed.join(', ')}; see /api/openapi.json.`, { Allow: allowed.join(', ') });
    }
    // Otherwise a file: an episode whose folder is named "api" is still reachable.
  }
  if (method === 'OPTIONS') return answerPreflight(req, res, siteMethods);
  await serveSiteFile(req, res, context.outDir, rawPath, query);
}

async function servedFolder(outDir: string): Promise<string> {
  try {
    const root = await realpath(outDir);
    if ((await stat(root)).isDirectory()) return root;
  } catch {
    // said below
  }
  throw new NewscastError('usage', `There is no folder ${outDir} to serve.`, 'Give the folder `newscast generate -o` wrote to.');
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
    server.listen(port, host, () => resolve());
  });
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new NewscastError('usage', `Port ${port} on ${host} is in use by another program.`, 'Choose another with --port N, or --port 0 for a free one.', { cause: error });
    case 'EACCES':
      return new NewscastError('usage', `This user may not listen on port ${port} (ports below 1024 need privileges).`, 'Choose a port from 1024 up with --port N.', { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NewscastError('usage', `${host} is not an address of this machine.`, 'Listen on 127.0.0.1 (the default), or on one of this machine’s addresses with --host.', { cause: error });
    default:
      return error;
  }
}
