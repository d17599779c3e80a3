// The show's podcast feed, out/feed.xml: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces,
// built from every OUTDIR/*/episode.json. xmlbuilder2 writes the XML, so escaping and namespace
// prefixes are its business, not string concatenation's.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { makeCover } from '../audio/cover.js';
import { resolveTemplate, type Template } from '../audio/template.js';
import { NewscastError } from '../errors.js';
import { withTempFolder, writeAtomically, writeFileAtomic } from '../files.js';
import { describeProblems } from '../audio/template-schema.js';
import { parseBaseUrl, urlUnder } from './base-url.js';
import { podcastGuid } from './podcast-guid.js';
import { withOutputLock, type SharedLock } from './output-lock.js';
import { feedManifestSchema, type FeedManifest } from './manifest-schema.js';
import { readShowFile, showFileName, showSettings, type ShowSettings } from './show.js';

const require = createRequire(import.meta.url);
/** xmlbuilder2 takes ~50 ms to load: only a run that writes a feed pays for it. */
const xmlbuilder2 = (): typeof import('xmlbuilder2') => require('xmlbuilder2') as typeof import('xmlbuilder2');

export const feedFileName = 'feed.xml';
/** The show's artwork, made from the template when show.json names none. */
export const showCoverFileName = 'show-cover.jpg';

const namespaces = {
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
} as const;

/** One episode as the feed sees it: its manifest and the audio file's exact size. */
export interface FeedEpisode {
  manifest: FeedManifest;
  audioBytes: number;
}

/** Says why an episode was left out of the feed; `manifestPath` is the episode.json it is about. */
export type FeedWarning = (message: string, manifestPath?: string) => void;

/** A library caller that gives no onWarning still hears of it, the Node way (the CLI passes its own). */
const emitWarning: FeedWarning = (message) => process.emitWarning(message, 'NewscastWarning');

export interface FeedOptions {
  /**
   * Where OUTDIR is published; default show.json's baseUrl, else the http(s) address the existing
   * feed.xml was published at (so a rebuild by DELETE or a later generate keeps it), else OUTDIR's file:// URL.
   */
  baseUrl?: string;
  /** Template for the show's defaults (name, language, cover design); default "default". */
  template?: string;
  /** Told about every episode left out, and why; default: process.emitWarning. */
  onWarning?: FeedWarning;
  /** Held around OUTDIR's lock, when processes on other hosts publish into OUTDIR too. */
  sharedLock?: SharedLock;
}

/** Builds OUTDIR/feed.xml from every episode in OUTDIR, holding OUTDIR's lock; returns its path. */
export async function writeFeed(outDir: string, options: FeedOptions = {}): Promise<string> {
  const root = resolve(outDir);
  if (options.baseUrl !== undefined) parseBaseUrl(options.baseUrl);
  if (!existsSync(root)) throw new NewscastError('input', `No folder ${outDir}`, 'Pass the folder `newscast generate -o` wrote to.');
  // The lock also puts back an episode a killed run had moved aside, before the episodes are listed.
  return withOutputLock(root, () => writeFeedLocked(root, options), options.sharedLock);
}

/** The show's settings and where OUTDIR is published: the option, else show.json's baseUrl, else OUTDIR's file:// URL. */
export async function resolveShow(root: string, options: FeedOptions): Promise<{ show: ShowSettings; base: URL; template: Template }> {
  const givenBase = options.baseUrl !== undefined ? parseBaseUrl(options.baseUrl) : undefined;
  const template = await resolveTemplate(options.template ?? 'default');
  const file = await readShowFile(root);
  const show = showSettings(file, template);
  const showBase = file?.baseUrl !== undefined ? parseBaseUrl(file.baseUrl, `${join(root, showFileName)}'s baseUrl`) : undefined;
  // A file:// address is not kept: it names wherever the folder was then; the folder's own is the fallback.
  const published = await publishedFeed(root);
  const keptBase = published.base?.protocol === 'https:' || published.base?.protocol === 'http:' ? published.base : undefined;
  const base = givenBase ?? showBase ?? keptBase ?? pathToFileURL(`${root}/`);
  // The guid names the show for good: kept across a move of domain; one a file:// feed carried was made from a local path.
  const guid = show.guid ?? (keptBase ? published.guid : undefined);
  return { show: { ...show, guid }, base, template };
}

/** writeFeed, for a caller already holding OUTDIR's lock. */
export async function writeFeedLocked(root: string, options: FeedOptions): Promise<string> {
  const { show, base, template } = await resolveShow(root, options);
  const episodes = await readEpisodes(root, options.onWarning);
  const image = show.image ?? (await ensureShowCover(root, template, show));
  const xml = buildFeed(show, episodes, base.href, resolveUrl(image, base));
  const path = join(root, feedFileName);
  await writeFileAtomic(path, xml);
  return path;
}

/**
 * The base the existing OUTDIR/feed.xml was published at, read back from its atom:link rel="self"
 * (BASE/feed.xml, see buildFeed); undefined when there is no such feed or link.
 */
export async function publishedFeedBase(root: string): Promise<URL | undefined> {
  return (await publishedFeed(root)).base;
}

/** What the existing OUTDIR/feed.xml says of itself: its base (as publishedFeedBase) and its podcast:guid. */
async function publishedFeed(root: string): Promise<{ base?: URL; guid?: string }> {
  let text: string;
  try {
    text = await readFile(join(root, feedFileName), 'utf8');
  } catch {
    return {};
  }
  try {
    // xmlbuilder2's DOM (its types come from a package of its own: described here as far as used).
    type Element = { getAttribute(name: string): string | null; textContent: string | null };
    const document = xmlbuilder2().create(text).node as unknown as { getElementsByTagNameNS(namespace: string, name: string): ArrayLike<Element> };
    const guid = Array.from(document.getElementsByTagNameNS(namespaces.podcast, 'guid'))[0]?.textContent?.trim();
    const found = { guid: guid && uuid.test(guid) ? guid : undefined };
    for (const link of Array.from(document.getElementsByTagNameNS(namespaces.atom, 'link'))) {
      const href = link.getAttribute('href');
      if (link.getAttribute('rel') !== 'self' || href === null || !URL.canParse(href)) continue;
      const url = new URL(href);
      if (!url.pathname.endsWith(`/${feedFileName}`)) continue;
      url.pathname = url.pathname.slice(0, -feedFileName.length);
      return { ...found, base: parseBaseUrl(url.href) };
    }
    return found;
  } catch {
    // A feed that does not parse names no address (a rebuild replaces it).
  }
  return {};
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `generate` keeps a feed up to date once the folder has one (or a show.json asking for one); it holds OUTDIR's lock. */
export async function updateFeedIfPresent(outDir: string, options: FeedOptions = {}): Promise<string | undefined> {
  const root = resolve(outDir);
  if (!existsSync(join(root, feedFileName)) && !existsSync(join(root, showFileName))) return undefined;
  return writeFeedLocked(root, options);
}

/**
 * Every OUTDIR/<slug>/episode.json that is valid and whose audio file exists, newest first; each
 * one left out is reported to `onWarning`, naming the file and the field.
 */
export async function readEpisodes(root: string, onWarning: FeedWarning = emitWarning): Promise<FeedEpisode[]> {
  const episodes: FeedEpisode[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    // Hidden folders are a run's work in progress (staging, moved aside): never episodes.
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const manifestPath = join(root, entry.name, 'episode.json');
    if (!existsSync(manifestPath)) continue;
    const leftOut = (why: string) => onWarning(`left out ${manifestPath}: ${why}`, manifestPath);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(manifestPath, 'utf8'));
    } catch (error) {
      if (removedMeanwhile(error)) continue;
      leftOut(`not valid JSON (${(error as Error).message}); generate that episode again, or remove its folder.`);
      continue;
    }
    const checked = feedManifestSchema.safeParse(parsed);
    if (!checked.success) {
      leftOut(`${describeProblems(checked.error).join('; ')}.`);
      continue;
    }
    // The folder's name is where the files are, whatever the manifest's slug says.
    const manifest: FeedManifest = { ...checked.data, slug: entry.name };
    const audioPath = join(root, entry.name, manifest.files.audio);
    if (!existsSync(audioPath)) {
      leftOut(`its audio file ${manifest.files.audio} is missing.`);
      continue;
    }
    let audioBytes: number;
    try {
      audioBytes = (await stat(audioPath)).size;
    } catch (error) {
      if (removedMeanwhile(error)) continue;
      throw error;
    }
    episodes.push({ manifest, audioBytes });
  }
  return episodes.sort((a, b) => publicationDate(b.manifest).getTime() - publicationDate(a.manifest).getTime() || a.manifest.slug.localeCompare(b.manifest.slug));
}

/** An episode removed between the look and the read (a DELETE, a publish's swap, by another process): no longer there, nothing to say. */
function removedMeanwhile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** The feed document. Pure: the same show and episodes give the same bytes. */
export function buildFeed(show: ShowSettings, episodes: readonly FeedEpisode[], baseUrl: string, imageUrl: string): string {
  const base = parseBaseUrl(baseUrl);
  const rss = xmlbuilder2().create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:itunes': namespaces.itunes,
    'xmlns:podcast': namespaces.podcast,
    'xmlns:atom': namespaces.atom,
    'xmlns:content': namespaces.content,
  });
  const channel = rss.ele('channel');
  const link = show.link ?? urlUnder(base);
  const feedUrl = urlUnder(base, feedFileName);
  channel.ele('atom:link', { href: feedUrl, rel: 'self', type: 'application/rss+xml' });
  // Left out while the feed is a file:// one: a guid made from a local path would name no show.
  const guid = show.guid ?? (base.protocol === 'https:' || base.protocol === 'http:' ? podcastGuid(feedUrl) : undefined);
  if (guid) text(channel, 'podcast:guid', guid);
  text(channel, 'title', show.title);
  text(channel, 'link', link);
  text(channel, 'description', show.description);
  text(channel, 'language', show.language);
  text(channel, 'generator', 'newscast');
  const newest = episodes.map((episode) => Date.parse(episode.manifest.generatedAt)).filter(Number.isFinite);
  // The newest episode's time, not "now": rebuilding an unchanged folder gives the same feed.
  if (newest.length > 0) text(channel, 'lastBuildDate', new Date(Math.max(...newest)).toUTCString());
  channel.ele('image').ele('url').txt(imageUrl).up().ele('title').txt(show.title).up().ele('link').txt(link);
  text(channel, 'itunes:author', show.author);
  text(channel, 'itunes:summary', show.description);
  channel.ele('itunes:image', { href: imageUrl });
  const category = channel.ele('itunes:category', { text: show.category });
  if (show.subcategory) category.ele('itunes:category', { text: show.subcategory });
  text(channel, 'itunes:explicit', show.explicit ? 'true' : 'false');
  text(channel, 'itunes:type', 'episodic');
  if (show.owner) channel.ele('itunes:owner').ele('itunes:name').txt(show.owner.name).up().ele('itunes:email').txt(show.owner.email);
  for (const episode of episodes) addItem(channel, episode, base, show);
  return rss.end({ prettyPrint: true }) + '\n';
}

function addItem(channel: XMLBuilder, { manifest, audioBytes }: FeedEpisode, base: URL, show: ShowSettings): void {
  const file = (name: string) => urlUnder(base, manifest.slug, name);
  const item = channel.ele('item');
  text(item, 'title', manifest.title);
  text(item, 'description', manifest.description);
  text(item, 'itunes:summary', manifest.description);
  // Stable across rebuilds and base URLs: the episode's folder name, not its address.
  item.ele('guid', { isPermaLink: 'false' }).txt(`newscast:${manifest.slug}`);
  text(item, 'pubDate', publicationDate(manifest).toUTCString());
  // The episode's page on the show's site (src/publish/site/), which links the article in turn.
  text(item, 'link', file('index.html'));
  item.ele('enclosure', { url: file(manifest.files.audio), length: String(audioBytes), type: 'audio/mpeg' });
  text(item, 'itunes:title', manifest.title);
  text(item, 'itunes:author', manifest.byline ?? manifest.source ?? show.author);
  text(item, 'itunes:duration', String(Math.round(manifest.durationSeconds)));
  text(item, 'itunes:episodeType', 'full');
  text(item, 'itunes:explicit', show.explicit ? 'true' : 'false');
  if (manifest.files.cover) item.ele('itunes:image', { href: file(manifest.files.cover) });
  item.ele('podcast:chapters', { url: file(manifest.files.chapters), type: 'application/json+chapters' });
  item.ele('podcast:transcript', { url: file(manifest.files.transcript), type: 'text/vtt', language: manifest.language ?? show.language });
}

function text(parent: XMLBuilder, name: string, value: string): void {
  parent.ele(name).txt(value);
}

/** The article's date (noon UTC, so no time zone moves it to another day), else when it was made. */
function publicationDate(manifest: FeedManifest): Date {
  const day = manifest.date && /^\d{4}-\d{2}-\d{2}$/.test(manifest.date) ? Date.parse(`${manifest.date}T12:00:00Z`) : Number.NaN;
  return new Date(Number.isFinite(day) ? day : Date.parse(manifest.generatedAt) || 0);
}

/** show.json's image may be a URL or a file in the output folder. */
function resolveUrl(image: string, base: URL): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(image) ? image : urlUnder(base, ...image.split('/'));
}

/** Draws the show's artwork once from the template's design (show name only). */
async function ensureShowCover(root: string, template: Template, show: ShowSettings): Promise<string> {
  const path = join(root, showCoverFileName);
  if (existsSync(path)) return showCoverFileName;
  return withTempFolder('cover', async (workDir) => {
    const cover = await makeCover(template.cover, { title: show.title, show: show.author }, workDir);
    if (cover.extension !== 'jpg') {
      const named = `show-cover.${cover.extension}`;
      await writeAtomically(join(root, named), (temporaryPath) => copyFile(cover.path, temporaryPath));
      return named;
    }
    await writeAtomically(path, (temporaryPath) => copyFile(cover.path, temporaryPath));
    return showCoverFileName;
  });
}
