// removeEpisode: an episode leaves as a whole with its feed item, under the output lock, or not at all.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../src/errors.js';
import { writeFeed } from '../../src/publish/feed.js';
import { withOutputLock } from '../../src/publish/output-lock.js';
import { removeEpisode } from '../../src/publish/remove-episode.js';

const manifest = (title: string, date: string) => ({
  title,
  description: `${title}: the story.`,
  date,
  durationSeconds: 61.2,
  files: { audio: 'episode.mp3', chapters: 'chapters.json', transcript: 'transcript.vtt' },
  generatedAt: `${date}T10:00:00.000Z`,
});

function showWithTwoEpisodes(): string {
  const out = mkdtempSync(join(tmpdir(), 'newscast-remove-'));
  for (const [slug, title, date] of [
    ['ferry', 'Ferry timetable approved', '2024-05-01'],
    ['harbour', 'Harbour dredging starts', '2024-05-02'],
  ] as const) {
    mkdirSync(join(out, slug));
    writeFileSync(join(out, slug, 'episode.json'), JSON.stringify(manifest(title, date)));
    writeFileSync(join(out, slug, 'episode.mp3'), Buffer.alloc(100));
  }
  return out;
}

const feedGuids = (out: string) => [...readFileSync(join(out, 'feed.xml'), 'utf8').matchAll(/<guid[^>]*>([^<]+)</g)].map((match) => match[1]);

describe('removeEpisode', () => {
  test('removes the folder and rebuilds the feed without it', async () => {
    const out = showWithTwoEpisodes();
    await writeFeed(out, { onWarning: () => {} });
    expect(feedGuids(out)).toEqual(['newscast:harbour', 'newscast:ferry']);
    const removed = await removeEpisode(out, 'ferry');
    expect(removed).toEqual({ dir: join(out, 'ferry'), feed: join(out, 'feed.xml') });
    expect(existsSync(join(out, 'ferry'))).toBe(false);
    expect(feedGuids(out)).toEqual(['newscast:harbour']);
  });

  test('the rebuilt feed keeps the address the show was published at (generate --base-url)', async () => {
    const out = showWithTwoEpisodes();
    await writeFeed(out, { baseUrl: 'https://podcast.example.com/harbour-news/', onWarning: () => {} });
    await removeEpisode(out, 'ferry', { onWarning: () => {} });
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain('<atom:link href="https://podcast.example.com/harbour-news/feed.xml"');
    expect(feed).toContain('url="https://podcast.example.com/harbour-news/harbour/episode.mp3"');
    expect(feed).not.toContain('file://');
  });

  test('a folder without a feed: removed, no feed made', async () => {
    const out = showWithTwoEpisodes();
    expect(await removeEpisode(out, 'ferry')).toEqual({ dir: join(out, 'ferry') });
    expect(existsSync(join(out, 'feed.xml'))).toBe(false);
  });

  test('when the feed cannot be rebuilt, the episode is put back and the error said', async () => {
    const out = showWithTwoEpisodes();
    await writeFeed(out, { onWarning: () => {} });
    writeFileSync(join(out, 'show.json'), '{ "title": ');
    const failure = await removeEpisode(out, 'ferry').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NewscastError);
    expect((failure as Error).message).toContain('show.json is not valid JSON');
    expect(readFileSync(join(out, 'ferry', 'episode.json'), 'utf8')).toContain('Ferry timetable approved');
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('waits for the output lock: never in the middle of a publish', async () => {
    const out = showWithTwoEpisodes();
    let release!: () => void;
    const publishing = withOutputLock(out, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const removing = removeEpisode(out, 'ferry');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(join(out, 'ferry'))).toBe(true);
    release();
    await Promise.all([publishing, removing]);
    expect(existsSync(join(out, 'ferry'))).toBe(false);
  });

  test('what is not an episode folder is left alone: a folder without a manifest, a symbolic link to an episode', async () => {
    const out = showWithTwoEpisodes();
    const elsewhere = showWithTwoEpisodes();
    mkdirSync(join(out, 'assets'));
    symlinkSync(join(elsewhere, 'ferry'), join(out, 'linked'));
    expect(await removeEpisode(out, 'assets')).toBeUndefined();
    expect(await removeEpisode(out, 'linked')).toBeUndefined();
    expect(await removeEpisode(out, 'missing')).toBeUndefined();
    expect(existsSync(join(out, 'assets'))).toBe(true);
    expect(existsSync(join(elsewhere, 'ferry', 'episode.json'))).toBe(true);
  });

  test.each(['..', '.', '../x', 'a/b', 'a\\b', '.hidden', '', 'a\0b', 'x'.repeat(201)])('slug %j is refused (usage)', async (slug) => {
    const out = showWithTwoEpisodes();
    await expect(removeEpisode(out, slug)).rejects.toMatchObject({ kind: 'usage' });
  });
});
