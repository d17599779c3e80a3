// The show's static site in OUTDIR: index.html (the show), <slug>/index.html (each episode) and the
// player component beside them, so the folder works as it is from any web server or CDN.
import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { resolveTemplate } from '../../audio/template.js';
import { NewscastError } from '../../errors.js';
import { writeAtomically, writeFileAtomic } from '../../files.js';
import { parseBaseUrl, urlUnder } from '../base-url.js';
import { feedFileName, readEpisodes, resolveShow, showCoverFileName, updateFeedIfPresent, writeFeedLocked, type FeedOptions } from '../feed.js';
import type { EpisodeManifest } from '../manifest.js';
import { feedManifestSchema, type FeedManifest } from '../manifest-schema.js';
import { withOutputLock } from '../output-lock.js';
import { readShowFile, showSettings, type ShowSettings } from '../show.js';
import { parseTranscriptVtt, type TranscriptCue } from '../transcript-vtt.js';
import { episodePage } from './episode-page.js';
import { playerScriptName, playerScriptPath } from './player-script.js';
import { showPage } from './show-page.js';

export const sitePageName = 'index.html';

const chaptersSchema = z.array(z.object({ title: z.string(), start: z.number().finite().nonnegative() }));

/** `newscast site OUTDIR`: the feed and every page, rebuilt under OUTDIR's lock; returns the show page's path. */
export async function writeSite(outDir: string, options: FeedOptions = {}): Promise<string> {
  return (await rebuildFeedAndSite(outDir, options)).page;
}

/**
 * `newscast feed OUTDIR`, and a service starting on OUTDIR: the feed and the pages its items link to
 * (a folder made before the site existed has none), under OUTDIR's lock; returns feed.xml's path.
 */
export async function writeFeedAndSite(outDir: string, options: FeedOptions = {}): Promise<string> {
  return (await rebuildFeedAndSite(outDir, options)).feed;
}

async function rebuildFeedAndSite(outDir: string, options: FeedOptions): Promise<{ feed: string; page: string }> {
  const root = resolve(outDir);
  if (options.baseUrl !== undefined) parseBaseUrl(options.baseUrl);
  if (!existsSync(root)) throw new NewscastError('input', `No folder ${outDir}`, 'Pass the folder `newscast generate -o` wrote to.');
  return withOutputLock(
    root,
    async () => {
      const feed = await writeFeedLocked(root, options);
      // The feed has reported every episode it left out; the pages leave out the same ones.
      return { feed, page: await writeSiteLocked(root, options, true) };
    },
    options.sharedLock,
  );
}

/** After an episode came or went, under OUTDIR's lock: the feed if the folder keeps one, then the pages; returns feed.xml's path if rebuilt. */
export async function updateFeedAndSite(root: string, options: FeedOptions): Promise<string | undefined> {
  const feed = await updateFeedIfPresent(root, options);
  // A rebuilt feed has already reported every episode left out; the pages leave out the same.
  await writeSiteLocked(root, options, feed !== undefined);
  return feed;
}

/** The pages and the player script, for a caller holding OUTDIR's lock. */
export async function writeSiteLocked(root: string, options: FeedOptions, feedReportedLeftOut = false): Promise<string> {
  const { show, base } = await resolveShow(root, options);
  const episodes = await readEpisodes(root, feedReportedLeftOut ? () => {} : options.onWarning);
  await writeAtomically(join(root, playerScriptName), (temporaryPath) => copyFile(playerScriptPath(), temporaryPath));
  for (const { manifest } of episodes) await writeEpisodePage(join(root, manifest.slug), show, manifest, options);
  const web = base.protocol === 'https:' || base.protocol === 'http:';
  const feed = existsSync(join(root, feedFileName))
    ? { file: feedFileName, appUrl: web ? urlUnder(base, feedFileName).replace(/^https?:/, 'podcast:') : undefined }
    : undefined;
  const path = join(root, sitePageName);
  await writeFileAtomic(path, showPage({ show, cover: showCover(root, show.image), feed, episodes: episodes.map((episode) => episode.manifest) }));
  return path;
}

/**
 * An episode's page into its staging folder, before the swap (publish-episode.ts), so the episode
 * appears with its page rather than without one until the site is rebuilt; the caller holds
 * OUTDIR's lock. A show.json that cannot be read, or a page that cannot be built, is left to the
 * rebuild after the swap to report, as it did before the page was staged.
 */
export async function writeStagedEpisodePage(root: string, staging: string, manifest: EpisodeManifest, options: FeedOptions): Promise<void> {
  let show: ShowSettings;
  try {
    // show.json and the template are all a page needs: not resolveShow, which parses feed.xml (0.2–0.6 s at 1,000 items).
    show = showSettings(await readShowFile(root), await resolveTemplate(options.template ?? 'default'));
  } catch {
    return;
  }
  await writeEpisodePage(staging, show, { ...feedManifestSchema.parse(manifest), slug: manifest.slug }, { onWarning: () => undefined });
}

/** FOLDER/index.html, from the episode's manifest and the transcript beside it. */
async function writeEpisodePage(folder: string, show: ShowSettings, manifest: FeedManifest, options: Pick<FeedOptions, 'onWarning'>): Promise<void> {
  const chapters = chaptersSchema.safeParse(manifest.chapters);
  const cues = await readCues(folder, manifest);
  let page: string;
  try {
    page = episodePage({ show, manifest, chapters: chapters.success ? chapters.data : [], cues });
  } catch (error) {
    // One page that cannot be built must not fail the publish that asked for the site.
    (options.onWarning ?? ((message: string) => process.emitWarning(message, 'NewscastWarning')))(`no page for ${folder}: ${(error as Error).message}`, join(folder, 'episode.json'));
    return;
  }
  await writeFileAtomic(join(folder, sitePageName), page);
}

/** show.json's image, else the artwork the feed drew. */
function showCover(root: string, image: string | undefined): string | undefined {
  if (image) return image;
  return [showCoverFileName, showCoverFileName.replace(/\.jpg$/, '.png')].find((name) => existsSync(join(root, name)));
}

async function readCues(folder: string, manifest: FeedManifest): Promise<TranscriptCue[] | undefined> {
  try {
    return parseTranscriptVtt(await readFile(join(folder, manifest.files.transcript), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
