// A whole episode in each neural voice, checked as the embedded engine's is (generate.test.ts):
// loudness, chapters at their marks, transcript, tags. Runs where the voice is installed (CI
// installs Piper's and sets NEWSCAST_VOICES_DIR; Kokoro's only where scripts/install-kokoro.sh ran);
// a short article keeps CI time modest.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpisodeManifest } from '../../src/publish/manifest.js';
import { createEngine } from '../../src/tts/engines/index.js';
import { decode, levelDb, loudnessOf, transcriptCues } from './audio-reader.js';
import { runCli } from './cli.js';

const article = 'tests/fixtures/articles/short-council-vote.txt';
const neuralVoices = [
  { engine: 'piper', voice: 'en_US-joe-medium', available: await createEngine('piper').isAvailable() },
  { engine: 'kokoro', voice: 'af_heart', available: await createEngine('kokoro').isAvailable() },
];

for (const { engine, voice, available } of neuralVoices) describe.skipIf(!available)(`newscast generate --engine ${engine}, on a short article`, () => {
  let manifest: EpisodeManifest;
  let dir: string;
  let metadata: IAudioMetadata;

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), `newscast-${engine}-`));
    const result = await runCli(['generate', article, '-o', outDir, '--json', '--quiet', '--engine', engine, '--jobs', '2']);
    expect(result.code, result.stderr).toBe(0);
    manifest = JSON.parse(result.stdout);
    dir = join(outDir, manifest.slug);
    metadata = await parseFile(join(dir, 'episode.mp3'), { includeChapters: true });
  }, 900_000);

  test(`speaks in the ${engine} voice, for as long as the text takes`, async () => {
    expect(manifest.engine).toContain(engine);
    expect(manifest.voice).toBe(voice);
    const samples = await decode(join(dir, 'episode.mp3'));
    const words = readFileSync(article, 'utf8').split(/\s+/).filter(Boolean).length;
    expect(samples.length / 16000).toBeGreaterThan(words / 4);
    expect(Math.abs(samples.length / 16000 - manifest.durationSeconds)).toBeLessThan(0.1);
  });

  test('each chapter starts at its mark: silence before, speech within 50 ms after', async () => {
    const samples = await decode(join(dir, 'episode.mp3'));
    const rate = 16000;
    const cues = transcriptCues(dir).map((cue) => cue.start);
    const chapters = metadata.format.chapters!;
    expect(chapters.length).toBeGreaterThanOrEqual(3);
    expect(chapters.map((chapter) => chapter.title)).toEqual(manifest.chapters.map((chapter) => chapter.title));
    for (const [index, chapter] of chapters.entries()) {
      expect(Math.abs(chapter.start - manifest.chapters[index]!.start)).toBeLessThan(0.002);
      if (index === 0) continue;
      expect(Math.min(...cues.map((cue) => Math.abs(cue - chapter.start)))).toBeLessThan(0.05);
      const at = Math.round(chapter.start * rate);
      expect(levelDb(samples, at - 0.3 * rate, at - 0.05 * rate), `silence before chapter ${index}`).toBeLessThan(-50);
      expect(levelDb(samples, at, at + 0.25 * rate), `speech after chapter ${index}`).toBeGreaterThan(-35);
      expect(samples.subarray(at, at + 0.05 * rate).some((sample) => Math.abs(sample) > 600), `speech within 50 ms of chapter ${index}`).toBe(true);
    }
  });

  test('loudness: -16 LUFS within 1 LU, true peak at most -1 dBTP', async () => {
    const loudness = await loudnessOf(join(dir, 'episode.mp3'));
    expect(Math.abs(loudness.integrated + 16)).toBeLessThanOrEqual(1);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1);
  });

  test('tags and transcript', () => {
    expect(metadata.common.title).toBe(manifest.title);
    expect(metadata.common.album).toBe(manifest.show);
    expect(metadata.common.genre).toEqual(['Podcast']);
    const vtt = readFileSync(join(dir, 'transcript.vtt'), 'utf8');
    const sentenceMarks = readFileSync(join(dir, 'script.ssml'), 'utf8').match(/<mark name="s\d+"\/>/g)!.length;
    // One cue per sentence, or several for a sentence longer than two lines or ten seconds.
    expect(vtt.match(/-->/g)!.length).toBeGreaterThanOrEqual(sentenceMarks);
    expect(vtt).toContain('add two evening ferry crossings');
  });
});

describe('newscast generate --engine piper, with no voice installed', () => {
  test('exit 3, one message naming what to install, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newscast-piper-none-'));
    const voices = mkdtempSync(join(tmpdir(), 'newscast-no-voices-'));
    const result = await runCli(['generate', article, '-o', out, '--engine', 'piper'], { env: { ...process.env, NEWSCAST_VOICES_DIR: voices, PYTHONPATH: '' } });
    expect(result.code).toBe(3);
    // Without the runtime the message names onnxruntime-node instead; CI has it.
    expect(result.stderr).toMatch(/No Piper voice is installed|onnxruntime-node/);
    expect(result.stderr).toMatch(/newscast voices install en_US-joe-medium|npm install onnxruntime-node@1\.30\.0/);
    expect(result.stderr.match(/error/gi)).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
  });
});
