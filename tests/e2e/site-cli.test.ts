// `newscast site` as a user meets it: the feed and every page written, a bad manifest named once,
// a missing folder or a bad base URL refused with exit 2.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';

const manifest = {
  title: 'Ferry timetable approved', slug: 'ferry', show: 'Newscast', description: 'The council voted.', durationSeconds: 61.2,
  chapters: [], generatedAt: '2024-05-01T10:00:00.000Z',
  files: { audio: 'episode.mp3', script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt' },
};

describe('newscast site', () => {
  test('writes the show page, each episode page, the player and the feed; a bad manifest is named once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newscast-site-cli-'));
    for (const [slug, content] of [['ferry', manifest], ['broken', { ...manifest, title: 7 }]] as const) {
      mkdirSync(join(root, slug));
      writeFileSync(join(root, slug, 'episode.json'), JSON.stringify(content));
      writeFileSync(join(root, slug, 'episode.mp3'), Buffer.alloc(100));
    }
    const result = await runCli(['site', root]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of ['index.html', 'feed.xml', 'newscast-player.js', 'ferry/index.html']) expect(existsSync(join(root, file)), file).toBe(true);
    expect(existsSync(join(root, 'broken', 'index.html'))).toBe(false);
    expect(result.stderr.match(/left out .*broken.*title/g)).toHaveLength(1);
  });

  test('refuses a folder that does not exist and a base URL that is not one (exit 2)', async () => {
    const missing = await runCli(['site', join(tmpdir(), 'newscast-no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No folder .*newscast-no-such-folder/);
    const root = mkdtempSync(join(tmpdir(), 'newscast-site-cli-'));
    const badBase = await runCli(['site', root, '--base-url', 'not a url']);
    expect(badBase.code).toBe(2);
    expect(badBase.stderr).toContain('is not an absolute URL');
  });
});
