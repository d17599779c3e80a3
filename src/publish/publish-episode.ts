// The publish step: a finished episode (audio and cover in a scratch folder, the sidecars' text,
// its manifest) becomes OUTDIR/<slug>/ as a whole, in the folder its article owns, and the feed
// is rebuilt. How the folder is swapped and chosen: episode-folder.ts.
import { createHash } from 'node:crypto';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpoint } from '../checkpoint.js';
import { fileSystemError } from '../file-system-errors.js';
import { chooseEpisodeFolder, swapInEpisode, withStagingFolder } from './episode-folder.js';
import type { FeedOptions } from './feed.js';
import type { EpisodeManifest } from './manifest.js';
import { withOutputLock, type SharedLock } from './output-lock.js';
import { updateFeedAndSite, writeStagedEpisodePage } from './site/site.js';

export interface FinishedEpisode {
  /** OUTDIR, absolute. */
  outDir: string;
  /** The folder name the title gives. */
  slug: string;
  /** The scratch folder holding the files assembly wrote (the audio and the cover). */
  assembledIn: string;
  /** Text files to write beside them, by name. */
  sidecars: Record<string, string>;
  /** Everything but what publishing decides (the folder) or measures (sizes, checksums). */
  manifest: Omit<EpisodeManifest, 'slug' | 'audioBytes' | 'checksums'> & { articleHash: string };
  feed: FeedOptions;
}

export interface PublishHooks {
  /** Told when the episode had to go to another folder than its title gives. */
  onWarning: (message: string) => void;
  /** Told as soon as the episode's folder is in place (before the feed is rebuilt). */
  onWritten: (dir: string) => void;
  /** Held around the output lock, when processes on other hosts publish into OUTDIR too. */
  sharedLock?: SharedLock;
}

export async function publishEpisode(episode: FinishedEpisode, hooks: PublishHooks): Promise<{ dir: string; manifest: EpisodeManifest }> {
  const { outDir, slug, manifest } = episode;
  return withStagingFolder(outDir, slug, async (staging) => {
    await checkpoint('publish');
    // The staging folder is private to this run: plain writes; the swap makes them visible at once.
    for (const name of [manifest.files.audio, manifest.files.cover].filter((name) => name !== undefined)) {
      await copyFile(join(episode.assembledIn, name), join(staging, name)).catch((error: unknown) => {
        // copyfile's error names the source (scratch); a full or read-only disk is the output's.
        throw fileSystemError(error, outDir, 'output') ?? error;
      });
    }
    for (const [name, text] of Object.entries(episode.sidecars)) await writeFile(join(staging, name), text);
    const measured = {
      audioBytes: (await stat(join(staging, manifest.files.audio))).size,
      checksums: await fileChecksums(staging, Object.values(manifest.files)),
    };
    // Choosing the folder, swapping it in and rebuilding the feed: one run at a time per OUTDIR.
    return withOutputLock(outDir, async (lock) => {
      const choice = chooseEpisodeFolder(outDir, slug, manifest);
      const dir = join(outDir, choice.slug);
      if (choice.takenBy) hooks.onWarning(`another article is already in ${join(outDir, choice.takenBy)}; this one went to ${dir}`);
      const published: EpisodeManifest = { ...manifest, slug: choice.slug, ...measured };
      await writeFile(join(staging, 'episode.json'), `${JSON.stringify(published, null, 2)}\n`);
      await writeStagedEpisodePage(outDir, staging, published, episode.feed);
      await checkpoint('swap');
      lock.confirm();
      swapInEpisode(staging, dir);
      hooks.onWritten(dir);
      await checkpoint('feed');
      // A folder that has a feed (or a show.json) gets it rebuilt with the new episode in it; the site's pages always.
      await updateFeedAndSite(outDir, episode.feed);
      return { dir, manifest: published };
    }, hooks.sharedLock);
  });
}

/** sha-256 (hex) of each named file in `folder`. */
async function fileChecksums(folder: string, names: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(join(folder, name))).digest('hex')] as const));
  return Object.fromEntries(entries);
}
