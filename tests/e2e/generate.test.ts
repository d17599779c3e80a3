import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { decode, levelDb, loudnessOf, probe, transcriptCues } from './audio-reader.js';
import { runCli } from './cli.js';

const example = 'examples/us-strikes-iraq.txt';
const outDir = mkdtempSync(join(tmpdir(), 'newscast-e2e-'));

describe('newscast generate, on the example article', () => {
  let manifest: EpisodeManifest;
  let dir: string;
  let metadata: IAudioMetadata;
  let stderr: string;

  beforeAll(async () => {
    const result = await runCli(['generate', example, '-o', outDir, '--json', '--engine', 'flite-wasm']);
    stderr = result.stderr;
    expect(result.code, result.stderr).toBe(0);
    manifest = JSON.parse(result.stdout);
    dir = join(outDir, manifest.slug);
    metadata = await parseFile(join(dir, 'episode.mp3'), { includeChapters: true });
  }, 120_000);

  test('writes the episode folder as documented', () => {
    expect(readdirSync(dir).sort()).toEqual(['chapters.json', 'cover.jpg', 'episode.json', 'episode.mp3', 'index.html', 'script.ssml', 'transcript.vtt']);
    expect(JSON.parse(readFileSync(join(dir, 'episode.json'), 'utf8'))).toEqual(manifest);
    expect(manifest.slug).toMatch(/^[a-z0-9-]+$/);
    expect(stderr).toContain('render');
    expect(stderr).not.toContain('ExperimentalWarning');
  });

  test('the MP3 decodes, at 44.1 kHz, and its length fits the text', async () => {
    const info = await probe(join(dir, 'episode.mp3'));
    expect(info.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: '44100' });
    const samples = await decode(join(dir, 'episode.mp3'));
    const duration = samples.length / 16000;
    expect(Math.abs(duration - manifest.durationSeconds)).toBeLessThan(0.1);
    // 455 words of story plus intro and outro lines: between 2 and 4 words a second.
    const words = readFileSync(example, 'utf8').split(/\s+/).filter(Boolean).length;
    expect(duration).toBeGreaterThan(words / 4);
    expect(duration).toBeLessThan(words / 2 + 30);
  });

  test('chapters: a CTOC and one CHAP per chapter, titled as in the script', () => {
    const script = readFileSync(join(dir, 'script.ssml'), 'utf8');
    const scriptTitles = [...script.matchAll(/<mark name="chapter:([^"]*)"\/>/g)].map((match) => match[1]);
    expect(scriptTitles.length).toBeGreaterThanOrEqual(3);
    const native = metadata.native['ID3v2.3'] ?? metadata.native['ID3v2.4'] ?? [];
    const chaps = native.filter((tag) => tag.id === 'CHAP');
    const tocs = native.filter((tag) => tag.id === 'CTOC').map((tag) => tag.value as { flags: { topLevel: boolean; ordered: boolean }; childElementIds: string[] });
    expect(chaps).toHaveLength(scriptTitles.length);
    expect(tocs).toHaveLength(1);
    expect(tocs[0]!.flags).toEqual({ topLevel: true, ordered: true });
    expect(tocs[0]!.childElementIds).toHaveLength(scriptTitles.length);
    const titles = metadata.format.chapters?.map((chapter) => chapter.title);
    expect(titles).toEqual(scriptTitles.map((title) => title!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'")));
    expect(manifest.chapters.map((chapter) => chapter.title)).toEqual(titles);
  });

  test('each chapter starts where its mark says: on the first sentence after a pause, within 50 ms', async () => {
    const samples = await decode(join(dir, 'episode.mp3'));
    const rate = 16000;
    const cues = transcriptCues(dir).map((cue) => cue.start);
    const chapters = metadata.format.chapters!;
    expect(chapters[0]!.start).toBe(0);
    for (const [index, chapter] of chapters.entries()) {
      expect(Math.abs(chapter.start - manifest.chapters[index]!.start)).toBeLessThan(0.002);
      if (index === 0) continue;
      // The chapter's first sentence cue (timed from its own mark) starts with the chapter.
      expect(Math.min(...cues.map((cue) => Math.abs(cue - chapter.start)))).toBeLessThan(0.05);
      // Heard in the MP3: silence just before the mark, speech within 50 ms after it.
      const at = Math.round(chapter.start * rate);
      const before = levelDb(samples, at - 0.3 * rate, at - 0.05 * rate);
      const after = levelDb(samples, at, at + 0.25 * rate);
      expect(before, `silence before chapter ${index}`).toBeLessThan(-50);
      expect(after, `speech after chapter ${index}`).toBeGreaterThan(-35);
      const onset = samples.subarray(at, at + 0.05 * rate).some((sample) => Math.abs(sample) > 600);
      expect(onset, `speech starts within 50 ms of chapter ${index}`).toBe(true);
    }
  });

  test('loudness of the final file: -16 LUFS within 1 LU, true peak at most -1 dBTP', async () => {
    const loudness = await loudnessOf(join(dir, 'episode.mp3'));
    expect(Math.abs(loudness.integrated + 16)).toBeLessThanOrEqual(1);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1);
    expect(Math.abs(manifest.loudness.integrated - loudness.integrated)).toBeLessThan(0.3);
  });

  test('ID3 tags: title, artist, album (the show), genre Podcast, comment', () => {
    const { common } = metadata;
    expect(common.title).toBe(manifest.title);
    expect(common.album).toBe(manifest.show);
    expect(common.artist).toBe('Rappler.com');
    expect(common.genre).toEqual(['Podcast']);
    expect(common.comment?.[0]?.text).toBe(manifest.description);
  });

  test('the sidecars agree with the audio', () => {
    const chapters = JSON.parse(readFileSync(join(dir, 'chapters.json'), 'utf8'));
    expect(chapters.version).toBe('1.2.0');
    expect(chapters.chapters.map((chapter: { title: string }) => chapter.title)).toEqual(manifest.chapters.map((chapter) => chapter.title));
    const vtt = readFileSync(join(dir, 'transcript.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    const sentenceMarks = readFileSync(join(dir, 'script.ssml'), 'utf8').match(/<mark name="s\d+"\/>/g)!.length;
    // One cue per sentence, or several for a sentence longer than two lines or ten seconds.
    expect(vtt.match(/-->/g)!.length).toBeGreaterThanOrEqual(sentenceMarks);
    for (const cue of transcriptCues(dir)) expect(cue.end - cue.start).toBeLessThanOrEqual(10.001);
    expect(vtt).toContain('Ain al-Asad air base was attacked by a close-range ballistic missile');
    expect(vtt).not.toContain('Rappler.com\n\n'.repeat(2));
    expect(manifest.engine).toContain('flite-wasm');
    expect(manifest.voice).toBe('kal16');
  });
});

describe('newscast script and render', () => {
  test('an edited script renders with its chapters and titles kept', async () => {
    const scripted = await runCli(['script', example]);
    expect(scripted.code, scripted.stderr).toBe(0);
    const edited = scripted.stdout.replace(/<mark name="chapter:([^"]*)"\/>/, '<mark name="chapter:Edited opening"/>');
    const work = mkdtempSync(join(tmpdir(), 'newscast-render-'));
    writeFileSync(join(work, 'story.ssml'), edited);
    const rendered = await runCli(['render', join(work, 'story.ssml'), '-o', join(work, 'out'), '--json', '--quiet', '--engine', 'flite-wasm']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const manifest: EpisodeManifest = JSON.parse(rendered.stdout);
    expect(manifest.chapters[0]!.title).toBe('Edited opening');
    expect(manifest.chapters.length).toBe(edited.match(/<mark name="chapter:/g)!.length);
    expect(rendered.stderr).toBe('');
  }, 120_000);
});

describe('bad input', () => {
  const destination = (): string => mkdtempSync(join(tmpdir(), 'newscast-bad-'));

  test.each([
    ['a missing article', 2, ['generate', 'no/such/article.txt'], /no\/such\/article\.txt/],
    ['an unknown engine', 3, ['generate', example, '--engine', 'nope'], /Unknown engine "nope"/],
    ['an unknown template', 3, ['generate', example, '--template', 'nope'], /template "nope"/],
    ['an unknown option', 2, ['generate', example, '--loud'], /unknown option/],
    ['a bad rate', 2, ['generate', example, '--rate', 'fast'], /0\.5/],
  ])('%s: exit %i, one clear message, nothing written', async (_name, code, args, message) => {
    const out = destination();
    const result = await runCli([...args, '-o', out]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.match(/error/gi)).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
  });

  test('an empty article from stdin is refused', async () => {
    const out = destination();
    const result = await runCli(['generate', '-', '-o', out], { input: '  \n\n ' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/empty/i);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a batch goes on past a bad article and says which one failed', async () => {
    const out = destination();
    const short = join(out, 'short.txt');
    writeFileSync(short, 'Council approves new library\n\nThe city council voted on Monday to build a new library in the north of the city. Work begins next spring.\n');
    const result = await runCli(['generate', 'missing.txt', short, '-o', join(out, 'episodes'), '--quiet', '--engine', 'flite-wasm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.txt');
    // Beside the site's pages (index.html, newscast-player.js), one episode folder.
    const episodes = readdirSync(join(out, 'episodes'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(episodes).toHaveLength(1);
    expect(existsSync(join(out, 'episodes', episodes[0]!, 'episode.mp3'))).toBe(true);
  }, 120_000);

  test('--help explains every option', async () => {
    const result = await runCli(['generate', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--output', '--engine', '--voice', '--rate', '--template', '--title', '--json', '--quiet']) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe('newscast generate, on a cluttered HTML page', () => {
  test('reads the story, not the page, and carries its address into the tags and the manifest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-html-'));
    const result = await runCli(['generate', 'tests/fixtures/articles/us-strikes-iraq.html', '-o', out, '--json', '--quiet', '--engine', 'flite-wasm', '--template', 'minimal']);
    expect(result.code, result.stderr).toBe(0);
    const manifest: EpisodeManifest = JSON.parse(result.stdout);
    const url = 'https://www.rappler.com/world/middle-east/united-states-strikes-iraq-iranian-backed-militants-november-2023/';
    expect(manifest.url).toBe(url);
    const metadata = await parseFile(join(out, manifest.slug, 'episode.mp3'));
    const native = metadata.native['ID3v2.3'] ?? [];
    expect(native.find((tag) => tag.id === 'WOAS')?.value).toBe(url);
    const transcript = readFileSync(join(out, manifest.slug, 'transcript.vtt'), 'utf8');
    expect(transcript).toContain('Ain al-Asad air base was attacked');
    expect(transcript).not.toMatch(/cookie|Subscribe|Advertisement/i);
  }, 120_000);
});

describe('newscast voices', () => {
  test('lists every engine, marks as default the one `auto` picks, and the embedded engine is always there', async () => {
    const result = await runCli(['voices', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows: Array<{ engine: string; available: boolean; isDefaultEngine: boolean; voices: Array<{ name: string; sampleRate: number }> }> = JSON.parse(result.stdout);
    const { chooseEngine } = await import('../../src/tts/engines/index.js');
    expect(rows.filter((row) => row.isDefaultEngine).map((row) => row.engine)).toEqual([(await chooseEngine('auto')).name]);
    const embedded = rows.find((row) => row.engine === 'flite-wasm');
    expect(embedded?.available).toBe(true);
    expect(embedded?.voices).toContainEqual({ name: 'kal16', language: 'en-US', sampleRate: 16000 });
  }, 60_000);
});
