// Where the output folder is published (--base-url, show.json's baseUrl): parsed once with the
// WHATWG URL parser, then every file's address is the base's path plus the file's, keeping the
// base's query (a CDN's access token, say). Resolving relative names against a base with a query
// dropped its last path segment.
import { NewscastError } from '../errors.js';

const schemes = new Set(['http:', 'https:', 'file:']);
const example = 'Give the address where the output folder is published, e.g. https://example.com/podcast/.';

/** The base URL, or a usage error naming `source` (the option or file it came from). */
export function parseBaseUrl(text: string, source = '--base-url'): URL {
  const label = `${source} "${text}"`;
  if (!URL.canParse(text)) throw new NewscastError('usage', `${label} is not an absolute URL.`, example);
  const url = new URL(text);
  if (!schemes.has(url.protocol)) throw new NewscastError('usage', `${label} is not an http, https or file URL.`, example);
  if (url.hash) throw new NewscastError('usage', `${label} has a #fragment, which the addresses of files under it cannot keep.`, 'Remove the #… part.');
  if (url.protocol !== 'file:' && !url.hostname) throw new NewscastError('usage', `${label} names no host.`, example);
  return url;
}

/** The address of a file (or, with no segments, the folder) under the base: segments are encoded. */
export function urlUnder(base: URL, ...segments: string[]): string {
  const url = new URL(base.href);
  const folder = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  url.pathname = folder + segments.map(encodeURIComponent).join('/');
  return url.href;
}
