import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed, readEpisodes, writeFeed, type FeedEpisode } from '../../src/publish/feed.js';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { readShowFile, showSettings } from '../../src/publish/show.js';
import { NewscastError } from '../../src/errors.js';

const manifest = (slug: string, title: string, date?: string): EpisodeManifest => ({
  title,
  slug,
  show: 'Newscast',
  date,
  description: `About ${title}`,
  durationSeconds: 125.4,
  chapters: [],
  engine: 'flite-wasm',
  voice: 'kal16',
  template: 'default',
  loudness: { integrated: -16, truePeak: -1.5, range: 3 },
  files: { audio: 'episode.mp3', script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt', cover: 'cover.jpg' },
  audioBytes: 1,
  generatedAt: '2024-05-02T10:00:00.000Z',
  generator: 'newscast',
});
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
const show = showSettings({ category: 'News', explicit: false, title: 'Tom & Jerry <Daily>' }, { show: 'Newscast', language: 'en' });

describe('buildFeed', () => {
  const episodes: FeedEpisode[] = [{ manifest: manifest('a-b', 'Rates rise 0.5% & "markets" <fall>', '2024-05-01'), audioBytes: 12345 }];
  const xml = buildFeed(show, episodes, 'https://example.com/pod', 'https://example.com/pod/art.jpg');

  it('escapes text and attributes, so the feed parses back to the same strings', () => {
    expect(xml).toContain('Tom &amp; Jerry &lt;Daily&gt;');
    const channel = parser.parse(xml).rss.channel;
    expect(channel.title).toBe('Tom & Jerry <Daily>');
    expect(channel.item.title).toBe('Rates rise 0.5% & "markets" <fall>');
  });

  it('puts the URLs under the base URL, with the exact length, and a date from the article', () => {
    const item = parser.parse(xml).rss.channel.item;
    expect(item.enclosure).toEqual({ '@url': 'https://example.com/pod/a-b/episode.mp3', '@length': '12345', '@type': 'audio/mpeg' });
    expect(item['podcast:transcript']['@url']).toBe('https://example.com/pod/a-b/transcript.vtt');
    expect(item.pubDate).toBe('Wed, 01 May 2024 12:00:00 GMT');
    expect(item['itunes:duration']).toBe('125');
  });

  it('gives the same bytes for the same episodes, whatever the base URL does to the guid (nothing)', () => {
    expect(buildFeed(show, episodes, 'https://example.com/pod/', 'https://example.com/pod/art.jpg')).toBe(xml);
    const moved = parser.parse(buildFeed(show, episodes, 'https://cdn.example.org/', 'https://cdn.example.org/art.jpg')).rss.channel.item;
    expect(moved.guid['#text']).toBe(parser.parse(xml).rss.channel.item.guid['#text']);
  });
});

describe('reading the output folder', () => {
  it('lists episodes with audio, newest first, and ignores other folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newscast-feed-'));
    // Alphabetical order is the opposite of date order, and the sizes differ: only a date sort
    // with the right size per episode passes.
    for (const [slug, date, bytes] of [['a-newer', '2024-06-01', 300], ['z-older', '2024-01-01', 700]] as const) {
      await mkdir(join(root, slug));
      await writeFile(join(root, slug, 'episode.json'), JSON.stringify(manifest(slug, slug, date)));
      await writeFile(join(root, slug, 'episode.mp3'), Buffer.alloc(bytes));
    }
    await mkdir(join(root, 'unrelated'));
    const episodes = await readEpisodes(root);
    expect(episodes.map((episode) => [episode.manifest.slug, episode.audioBytes])).toEqual([
      ['a-newer', 300],
      ['z-older', 700],
    ]);
  });

  it('names the field that is wrong in show.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newscast-show-'));
    await writeFile(join(root, 'show.json'), JSON.stringify({ title: 'X', explicit: 'no', owner: { name: 'A', email: 'not-mail' } }));
    const error = await readShowFile(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as Error).message).toContain('explicit:');
    expect((error as Error).message).toContain('owner.email:');
  });
});

describe('base URLs (issue 11)', () => {
  const episodes: FeedEpisode[] = [{ manifest: manifest('a-b', 'Rates rise', '2024-05-01'), audioBytes: 10 }];

  it('keeps the path of a base URL with a query, and the query on every file', () => {
    const channel = parser.parse(buildFeed(show, episodes, 'https://cdn.example.com/pod?token=abc', 'https://cdn.example.com/pod/art.jpg')).rss.channel;
    expect(channel.item.enclosure['@url']).toBe('https://cdn.example.com/pod/a-b/episode.mp3?token=abc');
    expect(channel.item['podcast:chapters']['@url']).toBe('https://cdn.example.com/pod/a-b/chapters.json?token=abc');
    expect(channel['atom:link']['@href']).toBe('https://cdn.example.com/pod/feed.xml?token=abc');
  });

  it('a rebuild without --base-url keeps the http(s) address the feed was published at; --base-url and show.json still win', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newscast-base-kept-'));
    await mkdir(join(root, 'a-b'));
    await writeFile(join(root, 'a-b', 'episode.json'), JSON.stringify(manifest('a-b', 'Rates rise', '2024-05-01')));
    await writeFile(join(root, 'a-b', 'episode.mp3'), Buffer.alloc(10));
    const channel = async (options: Parameters<typeof writeFeed>[1] = {}) => parser.parse(await readFile(await writeFeed(root, { onWarning: () => {}, ...options }), 'utf8')).rss.channel;
    await writeFeed(root, { baseUrl: 'https://cdn.example.com/pod?token=a&b=1' });
    let rebuilt = await channel();
    expect(rebuilt['atom:link']['@href']).toBe('https://cdn.example.com/pod/feed.xml?token=a&b=1');
    expect(rebuilt.item.enclosure['@url']).toBe('https://cdn.example.com/pod/a-b/episode.mp3?token=a&b=1');
    rebuilt = await channel({ baseUrl: 'https://other.example.org/' });
    expect(rebuilt.item.enclosure['@url']).toBe('https://other.example.org/a-b/episode.mp3');
    expect((await channel()).item.enclosure['@url']).toBe('https://other.example.org/a-b/episode.mp3');
    // show.json is the show's setting: editing it moves the feed, whatever the last feed said.
    await writeFile(join(root, 'show.json'), JSON.stringify({ baseUrl: 'https://show.example.net/cast/' }));
    expect((await channel()).item.enclosure['@url']).toBe('https://show.example.net/cast/a-b/episode.mp3');
  });

  it('a feed published at a file:// address is rebuilt at the folder\'s own file:// address', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newscast-base-file-'));
    await writeFeed(root, { baseUrl: 'file:///somewhere/else/' });
    const channel = parser.parse(await readFile(await writeFeed(root), 'utf8')).rss.channel;
    expect(channel['atom:link']['@href']).toBe(`file://${root}/feed.xml`);
  });

  it('refuses what is not an http(s) or file URL, or has a fragment, naming it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newscast-base-url-'));
    for (const [baseUrl, message] of [
      ['not a url', /^--base-url "not a url" is not an absolute URL\.$/],
      ['example.com/pod', /^--base-url "example.com\/pod" is not an absolute URL\.$/],
      ['ftp://example.com/pod/', /^--base-url "ftp:\/\/example.com\/pod\/" is not an http, https or file URL\.$/],
      ['https://example.com/pod#top', /^--base-url "https:\/\/example.com\/pod#top" has a #fragment/],
    ] as const) {
      const error = await writeFeed(root, { baseUrl }).catch((caught: unknown) => caught);
      expect(error, baseUrl).toBeInstanceOf(NewscastError);
      expect((error as NewscastError).message).toMatch(message);
      expect((error as NewscastError).exitCode).toBe(2);
    }
  });
});

describe('episode manifests are checked (issue 11)', () => {
  async function folderWith(manifests: Record<string, unknown>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'newscast-manifests-'));
    for (const [slug, content] of Object.entries(manifests)) {
      await mkdir(join(root, slug));
      await writeFile(join(root, slug, 'episode.json'), typeof content === 'string' ? content : JSON.stringify(content));
      await writeFile(join(root, slug, 'episode.mp3'), Buffer.alloc(100));
    }
    return root;
  }

  it('leaves out a manifest of the wrong shape, or one whose files leave its folder, and says why', async () => {
    const good = manifest('good', 'Good episode', '2024-05-01');
    const root = await folderWith({
      good,
      'no-files': { ...good, files: undefined },
      'bad-duration': { ...good, durationSeconds: 'long' },
      escapes: { ...good, files: { ...good.files, audio: '../good/episode.mp3' } },
      absolute: { ...good, files: { ...good.files, transcript: '/etc/passwd' } },
      'not-json': '{"title": ',
    });
    await mkdir(join(root, 'no-audio'));
    await writeFile(join(root, 'no-audio', 'episode.json'), JSON.stringify(manifest('no-audio', 'No audio')));
    const warnings: string[] = [];
    const episodes = await readEpisodes(root, (warning) => warnings.push(warning));
    expect(episodes.map((episode) => episode.manifest.slug)).toEqual(['good']);
    const about = (slug: string) => warnings.filter((warning) => warning.startsWith(`left out ${join(root, slug, 'episode.json')}: `));
    expect(about('no-files')[0]).toMatch(/files: /);
    expect(about('bad-duration')[0]).toMatch(/durationSeconds: /);
    expect(about('escapes')[0]).toMatch(/files\.audio: must be a file name inside the episode's folder/);
    expect(about('absolute')[0]).toMatch(/files\.transcript: must be a file name inside the episode's folder/);
    expect(about('not-json')[0]).toMatch(/not valid JSON/);
    expect(about('no-audio')[0]).toMatch(/its audio file episode\.mp3 is missing/);
    expect(warnings).toHaveLength(6);
  });

  it('leaves out a manifest whose text holds a control character, which would break feed.xml', async () => {
    const good = manifest('good', 'Good episode', '2024-05-01');
    const root = await folderWith({
      good,
      'bad-title': { ...good, title: 'Rates\u0001 rise' },
      'bad-description': { ...good, description: 'About\u001b[31m rates' },
      'bad-byline': { ...good, byline: 'Jane\u0007 Roe' },
      'bad-source': { ...good, source: 'Courier\u0000' },
      'multi-line': { ...good, description: 'First line.\nSecond line.' },
    });
    const warnings: string[] = [];
    const path = await writeFeed(root, { baseUrl: 'https://example.com/pod/', onWarning: (warning) => warnings.push(warning) });
    const xml = await readFile(path, 'utf8');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const items = [parser.parse(xml).rss.channel.item].flat();
    expect(items).toHaveLength(2);
    for (const [slug, field] of [['bad-title', 'title'], ['bad-description', 'description'], ['bad-byline', 'byline'], ['bad-source', 'source']]) {
      expect(warnings.find((warning) => warning.startsWith(`left out ${join(root, slug, 'episode.json')}: `))).toMatch(new RegExp(`${field}: must not hold control characters`));
    }
    expect(warnings).toHaveLength(4);
  });

  it('writes the feed with the good episodes', async () => {
    const root = await folderWith({ good: manifest('good', 'Good episode', '2024-05-01'), broken: { title: 'Broken' } });
    const warnings: string[] = [];
    const path = await writeFeed(root, { baseUrl: 'https://example.com/pod/', onWarning: (warning) => warnings.push(warning) });
    const items = [parser.parse(await readFile(path, 'utf8')).rss.channel.item].flat();
    expect(items.map((item: { title: string }) => item.title)).toEqual(['Good episode']);
    expect(warnings).toHaveLength(1);
  });
});
