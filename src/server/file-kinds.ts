// What each file of the site is sent as: its type and how long a browser or CDN may keep it.
//
// No file of OUTDIR has a content hash in its name: generating an article again replaces its
// episode at the same URLs, a new episode changes feed.xml and the show's page, and DELETE removes
// one. So by default everything is "no-cache": kept, but revalidated before each use (the ETag
// makes that a 304 without a body). For the MP3 this matters most: a player that stitched ranges
// from a cached old version to ranges of the new one would play garbage (If-Range guards that too).
// Two kinds may be a little stale: images (a cover replaced an hour late harms nothing, and the
// show's page shows many), and the player's script and styles (a page may run the previous player
// for five minutes after an upgrade; both are built to read the same episode.json).
import { extname } from 'node:path';

export interface FileKind {
  type: string;
  cacheControl: string;
  /** Text worth compressing (gzip, br); audio and images are compressed already. */
  compressible: boolean;
}

const revalidate = 'public, no-cache';
const text = (type: string, cacheControl = revalidate): FileKind => ({ type: `${type}; charset=utf-8`, cacheControl, compressible: true });
/** JSON is UTF-8 by definition (RFC 8259 defines no charset parameter). */
const json = (type: string): FileKind => ({ type, cacheControl: revalidate, compressible: true });
const binary = (type: string, cacheControl = revalidate): FileKind => ({ type, cacheControl, compressible: false });
const image = (type: string) => binary(type, 'public, max-age=3600');

const byExtension: Record<string, FileKind> = {
  '.mp3': binary('audio/mpeg'),
  '.html': text('text/html'),
  '.xml': text('application/rss+xml'),
  '.json': json('application/json'),
  '.vtt': text('text/vtt'),
  '.ssml': text('application/ssml+xml'),
  '.txt': text('text/plain'),
  '.js': text('text/javascript', 'public, max-age=300'),
  '.mjs': text('text/javascript', 'public, max-age=300'),
  '.css': text('text/css', 'public, max-age=300'),
  '.svg': { ...image('image/svg+xml'), compressible: true },
  '.jpg': image('image/jpeg'),
  '.jpeg': image('image/jpeg'),
  '.png': image('image/png'),
  '.webp': image('image/webp'),
};

/** Podcasting 2.0 names chapters' type; everything else goes by extension. */
const byName: Record<string, FileKind> = {
  'chapters.json': json('application/json+chapters'),
};

const unknown = binary('application/octet-stream');

export function fileKind(name: string): FileKind {
  return byName[name] ?? byExtension[extname(name).toLowerCase()] ?? unknown;
}

const compressibleTypes = new Set(
  [...Object.values(byExtension), ...Object.values(byName)].filter((kind) => kind.compressible).map((kind) => kind.type.split(';')[0]!),
);

/** Whether a response's Content-Type is text that compression helps (the API's JSON too). */
export function isCompressibleType(contentType: string | undefined): boolean {
  return compressibleTypes.has(contentType?.split(';')[0]?.trim().toLowerCase() ?? '');
}
