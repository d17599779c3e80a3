// Every error the server answers is JSON, { "error": { "kind", "message", "hint" } }, with the kinds
// the command line uses (src/errors.ts) plus HTTP's own. A NewscastError thrown by the pipeline or
// the publish stage keeps its kind, message and hint; anything else is answered 500 without its
// details (they go to the server's log).
import type { ServerResponse } from 'node:http';
import { NewscastError, type ErrorKind } from '../errors.js';
import { sendJson } from './json-response.js';

export type HttpErrorKind =
  | ErrorKind
  | 'not-found'
  | 'method'
  | 'too-large'
  | 'unauthorized'
  | 'forbidden'
  | 'unsupported-media'
  | 'unsatisfiable-range'
  | 'precondition-failed';

/** The body of every error response. */
export interface ErrorBody {
  error: { kind: HttpErrorKind; message: string; hint?: string };
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly kind: HttpErrorKind,
    message: string,
    readonly hint?: string,
    /** Headers the status needs: Allow for 405, WWW-Authenticate for 401, Content-Range for 416. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * usage: the request itself is malformed (400); input: well-formed, but its content cannot be
 * voiced (422), as the CLI's exit 2; dependency: this server lacks an engine or template (503), as
 * exit 3; internal: a bug (500), as exit 1.
 */
const statusOfKind: Record<ErrorKind, number> = { usage: 400, input: 422, dependency: 503, internal: 500 };

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof NewscastError) return new HttpError(statusOfKind[error.kind], error.kind, error.message, error.hint);
  // A bug, or the server's own disk (full, read-only): the log says which; the client learns nothing of its files.
  return new HttpError(500, 'internal', 'The server failed to answer this request.', 'The server’s log says why; if it is a bug in newscast, please report it.');
}

export function errorBody(error: HttpError): ErrorBody {
  return { error: { kind: error.kind, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) } };
}

/** Answers `error` as JSON; a response already under way can only be cut off. */
export function sendError(res: ServerResponse, error: unknown): void {
  const httpError = toHttpError(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Headers a file response had set (type, length, ETag, ranges) do not describe this body.
  for (const name of res.getHeaderNames()) if (!keptOnError.has(name)) res.removeHeader(name);
  for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, httpError.status, errorBody(httpError));
}

/** CORS, Vary and nosniff stay: a browser on another origin must be able to read the error too. */
const keptOnError = new Set(['access-control-allow-origin', 'access-control-expose-headers', 'vary', 'x-content-type-options']);
