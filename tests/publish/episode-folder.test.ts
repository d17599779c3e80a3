import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chooseEpisodeFolder, swapInEpisode, type ArticleIdentity } from '../../src/publish/episode-folder.js';

const monday: ArticleIdentity = { articleHash: '0123456789abcdef', title: 'Daily Briefing', description: 'The council voted.', date: '2025-12-01' };
const tuesday: ArticleIdentity = { articleHash: 'fedcba9876543210', title: 'Daily Briefing', description: 'A storm is coming.', date: '2025-12-02' };

function episode(out: string, slug: string, manifest: object): void {
  mkdirSync(join(out, slug));
  writeFileSync(join(out, slug, 'episode.json'), JSON.stringify(manifest));
}

describe('chooseEpisodeFolder', () => {
  test('a free slug, or the one holding the same article, is taken as it is', () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-folder-'));
    expect(chooseEpisodeFolder(out, 'daily-briefing', monday)).toEqual({ slug: 'daily-briefing' });
    episode(out, 'daily-briefing', { articleHash: monday.articleHash });
    expect(chooseEpisodeFolder(out, 'daily-briefing', monday)).toEqual({ slug: 'daily-briefing' });
  });

  test("another article's folder is never chosen: the date, then the hash, then a number", () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-folder-'));
    episode(out, 'daily-briefing', { articleHash: monday.articleHash });
    expect(chooseEpisodeFolder(out, 'daily-briefing', tuesday)).toEqual({ slug: 'daily-briefing-2025-12-02', takenBy: 'daily-briefing' });
    episode(out, 'daily-briefing-2025-12-02', { articleHash: 'another' });
    expect(chooseEpisodeFolder(out, 'daily-briefing', tuesday)).toEqual({ slug: 'daily-briefing-fedcba98', takenBy: 'daily-briefing' });
    episode(out, 'daily-briefing-fedcba98', { articleHash: 'yet another' });
    episode(out, 'daily-briefing-fedcba9876543210', { articleHash: 'and another' });
    expect(chooseEpisodeFolder(out, 'daily-briefing', tuesday).slug).toBe('daily-briefing-fedcba9876543210-2');
  });

  test('an article placed under a distinct name goes back there, even once its title is free again', () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-folder-'));
    episode(out, 'daily-briefing-2025-12-02', { articleHash: tuesday.articleHash });
    expect(chooseEpisodeFolder(out, 'daily-briefing', tuesday)).toEqual({ slug: 'daily-briefing-2025-12-02', takenBy: 'daily-briefing' });
  });

  test('a folder that is not an episode is never replaced; an episode from before article hashes is matched by title, opening and date', () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-folder-'));
    mkdirSync(join(out, 'daily-briefing'));
    expect(chooseEpisodeFolder(out, 'daily-briefing', monday).slug).toBe('daily-briefing-2025-12-01');
    episode(out, 'daily-briefing-2025-12-01', { title: 'Daily Briefing', description: 'The council voted.', date: '2025-12-01' });
    expect(chooseEpisodeFolder(out, 'daily-briefing', monday).slug).toBe('daily-briefing-2025-12-01');
    expect(chooseEpisodeFolder(out, 'daily-briefing', { ...monday, description: 'Something else.' }).slug).toBe('daily-briefing-01234567');
  });
});

describe('swapInEpisode', () => {
  test('replaces the old folder as a whole and leaves nothing aside', () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-folder-'));
    episode(out, 'story', { version: 'old' });
    writeFileSync(join(out, 'story', 'only-in-old.txt'), 'x');
    episode(out, '.story.1.00000000.staging', { version: 'new' });
    swapInEpisode(join(out, '.story.1.00000000.staging'), join(out, 'story'));
    expect(readdirSync(out)).toEqual(['story']);
    expect(readdirSync(join(out, 'story'))).toEqual(['episode.json']);
    expect(JSON.parse(readFileSync(join(out, 'story', 'episode.json'), 'utf8'))).toEqual({ version: 'new' });
  });
});
