// readEpisodes while another process removes an episode (DELETE, a publish's swap): the episode
// that went between the look and the read is left out, the others are listed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { readEpisodes } from '../../src/publish/feed.js';

/** Called with each path stat or readFile is asked about, before it looks (node:fs/promises is otherwise real). */
const beforeLooking = vi.hoisted(() => ({ hook: undefined as ((path: string) => void) | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const stat = ((path: Parameters<typeof fs.stat>[0], ...rest: []) => {
    beforeLooking.hook?.(String(path));
    return fs.stat(path, ...rest);
  }) as typeof fs.stat;
  const readFile = ((path: Parameters<typeof fs.readFile>[0], ...rest: [BufferEncoding]) => {
    beforeLooking.hook?.(String(path));
    return fs.readFile(path, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, stat, readFile, default: { ...fs, stat, readFile } };
});

function showWithTwoEpisodes(): string {
  const out = mkdtempSync(join(tmpdir(), 'newscast-feed-race-'));
  for (const [slug, date] of [['ferry', '2024-05-01'], ['harbour', '2024-05-02']] as const) {
    mkdirSync(join(out, slug));
    const files = { audio: 'episode.mp3', chapters: 'chapters.json', transcript: 'transcript.vtt' };
    writeFileSync(join(out, slug, 'episode.json'), JSON.stringify({ title: slug, description: `${slug}.`, date, durationSeconds: 61.2, files, generatedAt: `${date}T10:00:00.000Z` }));
    writeFileSync(join(out, slug, 'episode.mp3'), Buffer.alloc(100));
  }
  return out;
}

test.each(['episode.mp3', 'episode.json'])('an episode removed just before its %s is read is left out, without a warning; the rest are listed', async (file) => {
  const out = showWithTwoEpisodes();
  const warnings: string[] = [];
  beforeLooking.hook = (path) => {
    if (path === join(out, 'ferry', file)) rmSync(dirname(path), { recursive: true, force: true });
  };
  try {
    const episodes = await readEpisodes(out, (warning) => warnings.push(warning));
    expect(episodes.map((episode) => episode.manifest.slug)).toEqual(['harbour']);
    expect(warnings).toEqual([]);
  } finally {
    beforeLooking.hook = undefined;
  }
});
