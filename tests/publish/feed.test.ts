import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed, readEpisodes, type FeedEpisode } from '../../src/publish/feed.js';
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
