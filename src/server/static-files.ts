// The show's site: files of OUTDIR, sent by expressjs `send`, which does the HTTP of files right
// (single byte ranges with 206 and Content-Range, 416 for a range past the end, If-Range, ETag and
// Last-Modified with 304s and 412s, HEAD, streaming with back-pressure). Which file a path names is
// decided before it, by site-path.ts (traversal, hidden entries, symlinks out); send gets that
// file's path relative to OUTDIR and checks it again. Several ranges in one request are answered
// with the whole file (200), as RFC 9110 allows: players ask for one range at a time, and
// multipart/byteranges bodies are a rarely tested corner of every client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relative, sep } from 'node:path';
import send from 'send';
import { fileKind } from './file-kinds.js';
import { HttpError, sendError } from './http-error.js';
import { notFound, pathSegments, resolveSitePath } from './site-path.js';

export const siteMethods = ['GET', 'HEAD', 'OPTIONS'];

export async function serveSiteFile(req: IncomingMessage, res: ServerResponse, root: string, rawPath: string, query: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'method', `The site's files are read-only: ${req.method} is not allowed here.`, 'Use GET or HEAD; the API is under /api (see /api/openapi.json).', { Allow: siteMethods.join(', ') });
  }
  let entry = await resolveSitePath(root, rawPath);
  if (entry.kind === 'directory') {
    if (!rawPath.endsWith('/')) {
      // Relative links in a folder's index.html resolve against the folder only with the slash.
      // Built from the checked segments, not the raw path: "//host" there would be another host.
      res.statusCode = 301;
      res.setHeader('Location', `/${pathSegments(rawPath).map(encodeURIComponent).join('/')}/${query}`);
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    }
    const noIndex = new HttpError(404, 'not-found', 'This folder has no index.html.', 'GET /api/episodes lists the episodes; /feed.xml is the feed.');
    entry = await resolveSitePath(root, `${rawPath}index.html`).catch((error: unknown) => {
      throw error instanceof HttpError && error.status === 404 ? noIndex : error;
    });
    if (entry.kind !== 'file') throw noIndex;
  }
  const { size } = entry;
  const kind = fileKind(entry.name);
  res.setHeader('Content-Type', kind.type);
  res.setHeader('Cache-Control', kind.cacheControl);
  const relativeUrl = relative(root, entry.path).split(sep).map(encodeURIComponent).join('/');
  send(req, relativeUrl, { root, dotfiles: 'deny', index: false, cacheControl: false, etag: true, lastModified: true, acceptRanges: true })
    .on('error', (error: { status?: number }) => sendError(res, fromSendError(error, size)))
    .pipe(res);
}

function fromSendError(error: { status?: number }, size: number): unknown {
  switch (error.status) {
    case 404:
      return notFound();
    case 416:
      return new HttpError(416, 'unsatisfiable-range', `The range asked for is not in the file (${size} bytes).`, 'Ask for bytes from 0 to the file’s size less one.', {
        'Content-Range': `bytes */${size}`,
      });
    case 412:
      return new HttpError(412, 'precondition-failed', 'The file has changed since the version named by If-Match or If-Unmodified-Since.', 'Fetch it again.');
    default:
      return error;
  }
}
