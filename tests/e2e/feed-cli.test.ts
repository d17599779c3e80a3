// `newscast feed` and `--base-url` as a user meets them: bad manifests are left out with a warning
// each, the feed is still written; a base URL that is not one is refused before any work.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli.js';

const article = fileURLToPath(new URL('../fixtures/articles/short-council-vote.txt', import.meta.url));

const manifest = {
  title: 'Ferry timetable approved',
  slug: 'ferry',
  show: 'Newscast',
  date: '2024-05-01',
  description: 'The council voted.',
  durationSeconds: 61.2,
  chapters: [],
  engine: 'flite-wasm',
  voice: 'kal16',
  template: 'default',
  loudness: { integrated: -16, truePeak: -1.5, range: 3 },
  files: { audio: 'episode.mp3', script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt' },
  audioBytes: 100,
  generatedAt: '2024-05-01T10:00:00.000Z',
  generator: 'newscast',
};

function episode(root: string, slug: string, content: unknown): void {
  mkdirSync(join(root, slug));
  writeFileSync(join(root, slug, 'episode.json'), JSON.stringify(content));
  writeFileSync(join(root, slug, 'episode.mp3'), Buffer.alloc(100));
}

describe('newscast feed', () => {
  test('leaves out bad manifests, naming the file and the field, and writes the feed with the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newscast-feed-cli-'));
    episode(root, 'ferry', manifest);
    episode(root, 'wrong-shape', { ...manifest, files: 'episode.mp3' });
    episode(root, 'outside', { ...manifest, files: { ...manifest.files, audio: '../ferry/episode.mp3' } });
    const result = await runCli(['feed', root, '--base-url', 'https://example.com/pod/']);
    expect(result.stderr).not.toMatch(/TypeError|bug/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`newscast: warning: left out ${join(root, 'wrong-shape', 'episode.json')}: files: `);
    expect(result.stderr).toContain(`newscast: warning: left out ${join(root, 'outside', 'episode.json')}: files.audio: must be a file name inside the episode's folder`);
    const feed = readFileSync(join(root, 'feed.xml'), 'utf8');
    expect(feed.match(/<item>/g)).toHaveLength(1);
    expect(feed).toContain('url="https://example.com/pod/ferry/episode.mp3"');
  }, 60_000);

  test('--base-url that is not a URL: exit 2 and what to give', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newscast-feed-cli-'));
    const result = await runCli(['feed', root, '--base-url', 'example.com/pod']);
    expect(result.stderr).toContain('newscast: error: --base-url "example.com/pod" is not an absolute URL.');
    expect(result.stderr).toContain('https://example.com/podcast/');
    expect(result.code).toBe(2);
  });
});

test('generate --base-url that is not a URL is refused before any work', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-base-url-'));
  writeFileSync(join(out, 'show.json'), '{}');
  const result = await runCli(['generate', article, '-o', out, '--engine', 'flite-wasm', '--base-url', 'http://']);
  expect(result.stderr).toContain('newscast: error: --base-url "http://" is not an absolute URL.');
  expect(result.stderr).not.toMatch(/: (render|assemble)\b/);
  expect(result.code).toBe(2);
}, 120_000);
