// removeEpisode stopped half-way (a second SIGINT, a kill): what is left must be undone or
// finished by the next run's sweep, never an episode the feed no longer lists deleted, nor a
// half-deleted folder put back as an episode.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { removeLiveTemporariesSync, temporaryNamePattern } from '../../src/files.js';
import { writeFeed } from '../../src/publish/feed.js';
import { removeEpisode } from '../../src/publish/remove-episode.js';

/** Called with each folder rmSync is asked to remove, before it is removed (node:fs is otherwise real). */
const beforeRemoving = vi.hoisted(() => ({ hook: undefined as ((path: string) => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const rmSync: typeof fs.rmSync = (path, options) => {
    beforeRemoving.hook?.(String(path));
    fs.rmSync(path, options);
  };
  return { ...fs, rmSync, default: { ...fs, rmSync } };
});

function showWithTwoEpisodes(): string {
  const out = mkdtempSync(join(tmpdir(), 'newscast-remove-stop-'));
  for (const [slug, title, date] of [
    ['ferry', 'Ferry timetable approved', '2024-05-01'],
    ['harbour', 'Harbour dredging starts', '2024-05-02'],
  ] as const) {
    mkdirSync(join(out, slug));
    const files = { audio: 'episode.mp3', chapters: 'chapters.json', transcript: 'transcript.vtt' };
    writeFileSync(join(out, slug, 'episode.json'), JSON.stringify({ title, description: `${title}.`, date, durationSeconds: 61.2, files, generatedAt: `${date}T10:00:00.000Z` }));
    writeFileSync(join(out, slug, 'episode.mp3'), Buffer.alloc(100));
  }
  return out;
}

const hidden = (out: string) => readdirSync(out).filter((name) => name.startsWith('.'));

describe('removeEpisode, interrupted', () => {
  test('a second signal while the feed is rebuilt does not delete the episode the feed still lists', async () => {
    const out = showWithTwoEpisodes();
    // A broken manifest makes the rebuild warn: the warning is a moment inside the rebuild, where
    // the exit handler of a second SIGINT runs removeLiveTemporariesSync.
    mkdirSync(join(out, 'broken'));
    writeFileSync(join(out, 'broken', 'episode.json'), '{');
    await writeFeed(out, { onWarning: () => {} });
    let asideDuringRebuild: string[] = [];
    await removeEpisode(out, 'ferry', {
      onWarning: () => {
        removeLiveTemporariesSync();
        asideDuringRebuild = hidden(out).filter((name) => name.startsWith('.ferry.'));
      },
    });
    expect(asideDuringRebuild).toHaveLength(1);
  });

  test('once the feed no longer lists it, the folder is renamed to a name the sweep deletes before it is removed', async () => {
    const out = showWithTwoEpisodes();
    await writeFeed(out, { onWarning: () => {} });
    const removing: { name: string; kind: string | undefined; feedListsIt: boolean }[] = [];
    beforeRemoving.hook = (path) => {
      if (!basename(path).startsWith('.ferry.')) return;
      const name = basename(path);
      removing.push({ name, kind: temporaryNamePattern.exec(name)?.[4], feedListsIt: readFileSync(join(out, 'feed.xml'), 'utf8').includes('newscast:ferry') });
    };
    try {
      await removeEpisode(out, 'ferry', { onWarning: () => {} });
    } finally {
      beforeRemoving.hook = undefined;
    }
    expect(removing).toHaveLength(1);
    // "old" is what the sweep puts back: a kill during the removal would bring back half an episode.
    expect(removing[0]).toMatchObject({ kind: 'removed', feedListsIt: false });
    expect(existsSync(join(out, 'ferry'))).toBe(false);
    expect(hidden(out)).toEqual([]);
  });
});
