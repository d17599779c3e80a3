// GET /api/episodes and DELETE /api/episodes/:slug over real HTTP, on two real episodes made by
// the built command line (embedded engine) in a folder with a feed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { runCli } from '../e2e/cli.js';
import { generateEpisode, rawRequest } from './http.js';

let out: string;
let server: RunningServer;
const warnings: string[] = [];

const feedItems = () => {
  const feed = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'feed.xml'), 'utf8'));
  const items = feed.rss.channel.item ?? [];
  return (Array.isArray(items) ? items : [items]) as { guid: { '#text': string }; title: string }[];
};

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'newscast-episodes-api-'));
  await generateEpisode(out, 'short-council-vote.txt');
  await generateEpisode(out, 'wire-trade-deal.txt');
  const feed = await runCli(['feed', out]);
  expect(feed.code, feed.stderr).toBe(0);
  // Not episodes: a folder without a manifest, and one whose manifest is broken.
  mkdirSync(join(out, 'assets'));
  writeFileSync(join(out, 'assets', 'logo.txt'), 'logo');
  mkdirSync(join(out, 'broken'));
  writeFileSync(join(out, 'broken', 'episode.json'), '{ not json');
  server = await startServer({ outDir: out, port: 0, quiet: true, log: (line) => warnings.push(line) });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/episodes', () => {
  test('lists the episodes from their manifests, newest first, with links that serve their files', async () => {
    const response = await rawRequest(server.url, '/api/episodes');
    expect(response.status).toBe(200);
    const { episodes } = response.json<{ episodes: { slug: string; title: string; generatedAt: string; audioBytes: number; links: Record<string, string> }[] }>();
    expect(episodes.map((episode) => episode.slug).sort()).toEqual(readdirSync(out).filter((name) => existsSync(join(out, name, 'episode.mp3'))).sort());
    expect(episodes).toHaveLength(2);
    // Same order as the feed (which dates an episode by its article's date, else when it was made).
    expect(episodes.map((episode) => episode.title)).toEqual(feedItems().map((item) => item.title));
    for (const episode of episodes) {
      const audio = await rawRequest(server.url, episode.links['audio']!);
      expect(audio.status).toBe(200);
      expect(audio.headers['content-type']).toBe('audio/mpeg');
      expect(audio.body.length).toBe(episode.audioBytes);
      const manifest = await rawRequest(server.url, episode.links['manifest']!);
      expect(manifest.json().title).toBe(episode.title);
      expect(episode.links['page']).toBe(`/${episode.slug}/`);
    }
    expect(warnings.join('\n')).toMatch(/left out .*broken.*episode\.json: not valid JSON/);
  });

  test('a broken manifest is said once, not on every GET; again once it has changed', async () => {
    const brokenLines = () => warnings.filter((line) => line.includes(join(out, 'broken', 'episode.json')));
    await rawRequest(server.url, '/api/episodes');
    const before = brokenLines().length;
    expect(before).toBeGreaterThan(0);
    await rawRequest(server.url, '/api/episodes');
    await rawRequest(server.url, '/api/episodes');
    expect(brokenLines()).toHaveLength(before);
    // Edited (still broken): a new mtime, said again.
    writeFileSync(join(out, 'broken', 'episode.json'), '{ "title": ');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(out, 'broken', 'episode.json'), later, later);
    await rawRequest(server.url, '/api/episodes');
    expect(brokenLines()).toHaveLength(before + 1);
  });
});

describe('DELETE /api/episodes/:slug', () => {
  test('removes the folder and rebuilds feed.xml without its item, at the address it was published at; a second DELETE is 404', async () => {
    const published = await runCli(['feed', out, '--base-url', 'https://podcast.example.com/harbour/']);
    expect(published.code, published.stderr).toBe(0);
    const [first, second] = (await rawRequest(server.url, '/api/episodes')).json().episodes as { slug: string }[];
    expect(feedItems().map((item) => item.guid['#text'])).toEqual([`newscast:${first!.slug}`, `newscast:${second!.slug}`]);

    const response = await rawRequest(server.url, `/api/episodes/${first!.slug}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ deleted: first!.slug, feedRebuilt: true });
    expect(existsSync(join(out, first!.slug))).toBe(false);
    expect(feedItems().map((item) => item.guid['#text'])).toEqual([`newscast:${second!.slug}`]);
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain(`url="https://podcast.example.com/harbour/${second!.slug}/episode.mp3"`);
    expect(feed).not.toContain('file://');
    // Nothing left behind: no lock, no folder moved aside.
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await rawRequest(server.url, `/${first!.slug}/episode.mp3`)).status).toBe(404);
    expect((await rawRequest(server.url, '/api/episodes')).json().episodes.map((episode: { slug: string }) => episode.slug)).toEqual([second!.slug]);

    const again = await rawRequest(server.url, `/api/episodes/${first!.slug}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json().error.kind).toBe('not-found');
  });

  test('a folder that is not an episode is never removed: 404', async () => {
    const response = await rawRequest(server.url, '/api/episodes/assets', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(existsSync(join(out, 'assets', 'logo.txt'))).toBe(true);
  });

  test.each(['..', '%2e%2e', '..%2f..%2ftmp', '.newscast.lock', '%2Enewscast.lock', 'a%2Fb', 'a%5Cb', 'a%00'])('slug %s is refused: 400, nothing removed', async (slug) => {
    const before = readdirSync(out).sort();
    const response = await rawRequest(server.url, `/api/episodes/${slug}`, { method: 'DELETE' });
    expect(response.status).toBe(400);
    expect(response.json().error.kind).toBe('usage');
    expect(readdirSync(out).sort()).toEqual(before);
  });
});
