// Cross-origin reads, so a newsroom can embed the player in an article page on its own site: any
// origin may read the show's files and the API's answers. "*" is safe here because nothing is
// decided by cookies: a write needs the bearer token, which a page must hold and send itself.
// Seeking in an <audio> element and the player's fetches need the range and validator headers
// exposed to the page.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const exposedHeaders = ['Content-Range', 'Accept-Ranges', 'Content-Length', 'ETag'];

export function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', exposedHeaders.join(', '));
}

/** A header list as Access-Control-Request-Headers gives it: names only (RFC 9110 tokens). */
const headerList = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** Answers a CORS preflight (OPTIONS) for a path that takes `methods`. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
  res.statusCode = 204;
  res.setHeader('Allow', methods.join(', '));
  res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
  // Whatever headers the page wants to send (Range, Authorization, Content-Type…): the server
  // itself decides what each one may do.
  const requested = req.headers['access-control-request-headers']?.trim();
  if (requested && headerList.test(requested)) res.setHeader('Access-Control-Allow-Headers', requested);
  res.setHeader('Access-Control-Max-Age', '86400');
  res.setHeader('Content-Length', 0);
  res.end();
}
