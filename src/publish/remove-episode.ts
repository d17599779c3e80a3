// DELETE of an episode: its folder leaves OUTDIR as a whole and the feed and site are rebuilt without it,
// holding OUTDIR's lock like every publish. The folder is first renamed aside (hidden, so readers
// skip it at once), then the feed is rebuilt; if that fails the folder is put back, so the episode
// and its feed item go together or not at all. A kill (or a second SIGINT) in between leaves it
// aside, whole and untracked, and the next run puts it back (stale-temporaries.ts): an unfinished
// delete is undone, never half-done. Once the feed no longer lists it, it is renamed to a "removed"
// name before it is deleted, so a kill during the deletion leaves something the sweep deletes.
import { existsSync, lstatSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NewscastError } from '../errors.js';
import { temporaryPathFor, trackTemporary, untrackTemporary } from '../files.js';
import type { FeedOptions } from './feed.js';
import { withOutputLock } from './output-lock.js';
import { updateFeedAndSite } from './site/site.js';

/** A folder name generate could have given: letters, digits, and . _ - inside, never hidden. */
export const episodeSlugPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function isEpisodeSlug(slug: string): boolean {
  return episodeSlugPattern.test(slug) && !slug.includes('..');
}

export interface RemovedEpisode {
  /** The folder removed. */
  dir: string;
  /** feed.xml, when the folder has a feed (rebuilt without the episode). */
  feed?: string;
}

/** Removes OUTDIR/SLUG (an episode: a folder with episode.json) and rebuilds the feed; undefined when there is no such episode. */
export async function removeEpisode(outDir: string, slug: string, feed: FeedOptions = {}): Promise<RemovedEpisode | undefined> {
  if (!isEpisodeSlug(slug)) {
    throw new NewscastError('usage', `"${slug}" is not an episode's folder name.`, 'Give the slug of an episode, e.g. as GET /api/episodes lists them.');
  }
  const root = resolve(outDir);
  const dir = join(root, slug);
  return withOutputLock(root, async (lock) => {
    // A symbolic link is not an episode folder: never follow one to remove what it points at.
    if (!isRealFolder(dir) || !existsSync(join(dir, 'episode.json'))) return undefined;
    // Not tracked: the exit handler must not delete an episode the feed may still list.
    const aside = temporaryPathFor(dir, 'old');
    lock.confirm();
    renameSync(dir, aside);
    let feedPath: string | undefined;
    try {
      feedPath = await updateFeedAndSite(root, feed);
    } catch (error) {
      renameSync(aside, dir);
      throw error;
    }
    const removing = temporaryPathFor(dir, 'removed');
    renameSync(aside, removing);
    trackTemporary(removing);
    rmSync(removing, { recursive: true, force: true });
    untrackTemporary(removing);
    return { dir, ...(feedPath === undefined ? {} : { feed: feedPath }) };
  }, feed.sharedLock);
}

function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
