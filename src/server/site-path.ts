// Which file of OUTDIR a request's path names, if any. The path is taken apart segment by segment
// before anything touches the disk: a segment that decodes to "." or "..", or that holds a slash,
// backslash or NUL (raw or percent-encoded) is an attempt to leave OUTDIR or to confuse a layer
// below (403); a hidden segment (".newscast.lock", a ".staging" folder, any dotfile) names work in
// progress or private files, which do not exist as far as the site is concerned (404). What the
// segments name is then resolved with realpath, so a symbolic link pointing out of OUTDIR (or at a
// hidden entry) is a 404 too.
import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { HttpError } from './http-error.js';

export type SiteEntry = { kind: 'file'; path: string; name: string; size: number } | { kind: 'directory'; path: string };

const forbidden = (why: string) => new HttpError(403, 'forbidden', `The path ${why}.`, 'Ask for a file of the show by its plain path, e.g. /SLUG/episode.mp3.');
export const notFound = () => new HttpError(404, 'not-found', 'There is no such file.', 'The show page, /, links to every episode; the API lists them at /api/episodes.');

/** The segments of a raw (still percent-encoded) URL path, decoded and checked. */
export function pathSegments(rawPath: string): string[] {
  if (!rawPath.startsWith('/')) throw new HttpError(400, 'usage', 'The request path must start with /.', 'Ask for a path like /SLUG/episode.mp3.');
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, 'usage', 'The path is not valid percent-encoding.', 'Encode the path with encodeURI.');
    }
    if (segment === '.' || segment === '..') throw forbidden('goes up out of the show’s folder');
    if (/[/\\\0]/.test(segment)) throw forbidden('holds an encoded slash, a backslash or NUL');
    if (segment.startsWith('.')) throw notFound();
    if (segment !== '') segments.push(segment);
  }
  return segments;
}

/** What `rawPath` names inside `root` (OUTDIR, already resolved with realpath). */
export async function resolveSitePath(root: string, rawPath: string): Promise<SiteEntry> {
  const segments = pathSegments(rawPath);
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    throw notFound();
  }
  const inside = relative(root, real);
  if (inside.startsWith(`..${sep}`) || inside === '..' || inside.split(sep).some((part) => part.startsWith('.') && part !== '')) throw notFound();
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(real);
  } catch (error) {
    // Removed since realpath looked (a DELETE or a publish's swap at the same time): not there.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw error;
  }
  if (info.isDirectory()) return { kind: 'directory', path: real };
  if (!info.isFile()) throw notFound();
  return { kind: 'file', path: real, name: segments.at(-1)!, size: info.size };
}
