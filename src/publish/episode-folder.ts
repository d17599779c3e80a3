// How an episode's folder changes: as a whole, and only for the same article.
//
// The new episode is written into a staging folder beside its destination (same file system),
// then swapped in. Node has no renameat2(RENAME_EXCHANGE), so a folder that already holds an
// episode is replaced by two renames in one synchronous step: the old folder is moved aside
// (".SLUG.newscast-HOST-PID-R.old"), the staged one renamed into place, the old one removed. No SIGINT or
// SIGTERM handler can run between the two (they are synchronous); a SIGKILL or a power cut in
// that instant leaves the old episode whole under its aside name, and the next run puts it back
// (stale-temporaries.ts). Readers (the feed) skip hidden folders, so a staging folder is never
// mistaken for an episode. Writing in place with the manifest last was the other way: a kill in
// the middle then leaves neither the old episode nor the new one.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryPathFor, trackTemporary, untrackTemporary } from '../files.js';
import type { EpisodeManifest } from './manifest.js';

/** What a folder's episode is compared by: the article it came from. */
export interface ArticleIdentity {
  articleHash: string;
  /** For episodes made before article hashes were recorded. */
  title: string;
  description: string;
  /** YYYY-MM-DD, when the article has one: the first choice of a distinct folder name. */
  date?: string;
}

export interface EpisodeFolderChoice {
  slug: string;
  /** The folder the title alone would have given, when another article holds it. */
  takenBy?: string;
}

/** Runs `fill` with a fresh staging folder beside OUTDIR's episodes; removes it unless it was swapped in. */
export async function withStagingFolder<T>(outDir: string, slug: string, fill: (staging: string) => Promise<T>): Promise<T> {
  mkdirSync(outDir, { recursive: true });
  const staging = temporaryPathFor(join(outDir, slug), 'staging');
  mkdirSync(staging);
  trackTemporary(staging);
  try {
    return await fill(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    untrackTemporary(staging);
  }
}

/**
 * The folder for an article: the one already holding it (so a re-run replaces its own episode),
 * else the first free of SLUG, SLUG-DATE (the article's date), SLUG-HASH (8 hex digits of the
 * article's hash). Never a folder holding another article, nor anything that is not an episode.
 * Call it holding the output lock.
 */
export function chooseEpisodeFolder(outDir: string, slug: string, identity: ArticleIdentity): EpisodeFolderChoice {
  const candidates = [slug];
  if (identity.date && /^\d{4}-\d{2}-\d{2}$/.test(identity.date)) candidates.push(`${slug}-${identity.date}`);
  candidates.push(`${slug}-${identity.articleHash.slice(0, 8)}`, `${slug}-${identity.articleHash}`);
  const holders = candidates.map((candidate) => holderOf(join(outDir, candidate), identity));
  const index = holders.includes('same') ? holders.indexOf('same') : holders.indexOf('none');
  const chosen = index >= 0 ? candidates[index]! : numbered(outDir, `${slug}-${identity.articleHash}`, identity);
  return chosen === slug ? { slug } : { slug: chosen, takenBy: slug };
}

/** Only if a different article's hash starts with the same 16 hex digits. */
function numbered(outDir: string, base: string, identity: ArticleIdentity): string {
  for (let number = 2; ; number++) {
    if (holderOf(join(outDir, `${base}-${number}`), identity) !== 'other') return `${base}-${number}`;
  }
}

function holderOf(folder: string, identity: ArticleIdentity): 'none' | 'same' | 'other' {
  if (!existsSync(folder)) return 'none';
  let manifest: Partial<EpisodeManifest>;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'episode.json'), 'utf8')) as Partial<EpisodeManifest>;
  } catch {
    return 'other'; // not an episode (or not a folder): never replaced
  }
  if (manifest.articleHash) return manifest.articleHash === identity.articleHash ? 'same' : 'other';
  // Made before article hashes: the same title, opening paragraph and date are the same article.
  const same = manifest.title === identity.title && manifest.description === identity.description && manifest.date === identity.date;
  return same ? 'same' : 'other';
}

/** Puts the staged episode at `destination`, replacing what is there as a whole (see the top of this file). */
export function swapInEpisode(staging: string, destination: string): void {
  if (!existsSync(destination)) {
    renameSync(staging, destination);
    untrackTemporary(staging);
    return;
  }
  const aside = temporaryPathFor(destination, 'old');
  renameSync(destination, aside);
  try {
    renameSync(staging, destination);
  } catch (error) {
    renameSync(aside, destination);
    throw error;
  }
  untrackTemporary(staging);
  rmSync(aside, { recursive: true, force: true });
}
