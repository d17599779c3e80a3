import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseFile } from 'music-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTemplate } from '../../src/audio/template.js';
import { assembleEpisode } from '../../src/audio/assemble.js';
import type { AssembledEpisode, AssemblyRequest, EpisodeTags } from '../../src/audio/assembly.js';
import { NewscastError } from '../../src/errors.js';
import type { Narration } from '../../src/tts/narration.js';
import { loudnessOf as independentLoudness, probe as ffprobe } from '../e2e/audio-reader.js';
import { makeNarration, newsSections } from './speech-fixture.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ffmpegPath = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const templateDir = join(import.meta.dirname, '..', '..', 'audio-templates', 'default');

// What the default template is made of (scripts/make-templates.js, template.json): the intro's
// last 0.6 s fade out under the first words; the outro follows the last sentence after 0.8 s.
const introSeconds = 3.6;
const outroSeconds = 3.0;
const introCrossfade = 0.6;
const gapBeforeOutro = 0.8;

const tags: EpisodeTags = {
  title: 'Council passes budget — café hours extended',
  artist: 'Jane Reporter',
  album: 'Newscast',
  date: '2024-03-05',
  comment: 'The city council approved a new budget; buses and libraries benefit.',
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'newscast-assemble-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function assembleInto(name: string, narration: Narration, onProgress?: (fraction: number) => void) {
  const workDir = join(folder, `${name}-work`);
  await mkdir(workDir, { recursive: true });
  const outputPath = join(folder, `${name}.mp3`);
  const request: AssemblyRequest = { narration, template: await resolveTemplate(templateDir), tags, outputPath, workDir };
  const episode = await assembleEpisode(request, onProgress);
  return { outputPath, episode };
}

describe('assembleEpisode with real speech', () => {
  let narration: Narration;
  let episode: AssembledEpisode;
  let outputPath: string;
  const progress: number[] = [];

  beforeAll(async () => {
    narration = await makeNarration(join(folder, 'normal.wav'), newsSections);
    ({ episode, outputPath } = await assembleInto('normal', narration, (fraction) => progress.push(fraction)));
  }, 60_000);

  it('made a narration long enough to matter', () => {
    expect(narration.durationSeconds).toBeGreaterThan(20);
    expect(narration.chapters).toHaveLength(3);
  });

  it('starts the narration where the intro begins to fade out (crossfade), exactly', () => {
    expect(episode.narrationOffset).toBeCloseTo(introSeconds - introCrossfade, 6);
    expect(episode.parts.intro).toEqual({ start: 0, end: introSeconds });
  });

  it('writes a 44.1 kHz mono 64 kb/s MP3 that ffmpeg decodes without errors', async () => {
    const probe = await ffprobe(outputPath);
    expect(probe.format.format_name).toBe('mp3');
    const [stream] = probe.streams;
    expect(stream?.codec_name).toBe('mp3');
    expect(stream?.sample_rate).toBe('44100');
    expect(stream?.channels).toBe(1);
    expect(Number(stream?.bit_rate)).toBe(64000);
    const { stderr } = await run(ffmpegPath, ['-v', 'error', '-nostdin', '-i', outputPath, '-f', 'null', '-']);
    expect(stderr.trim()).toBe('');
  });

  it('lasts intro - crossfade + speech + gap + outro', async () => {
    // Without timed sentences the whole narration counts as speech.
    const lastWord = narration.sentences.length > 0 ? Math.max(...narration.sentences.map((sentence) => sentence.end)) : narration.durationSeconds;
    const expected = introSeconds - introCrossfade + Math.max(narration.durationSeconds, lastWord + gapBeforeOutro + outroSeconds);
    // Segments land on the MP3 frame grid: each cut moves what follows by at most half a frame.
    expect(Math.abs(episode.parts.outro!.start - (introSeconds - introCrossfade + lastWord + gapBeforeOutro))).toBeLessThan(0.05);
    expect(Math.abs(episode.durationSeconds - expected)).toBeLessThan(0.05);
    const probe = await ffprobe(outputPath);
    expect(Math.abs(Number(probe.format.duration) - expected)).toBeLessThan(0.1);
    const metadata = await parseFile(outputPath, { duration: true });
    expect(Math.abs((metadata.format.duration ?? 0) - expected)).toBeLessThan(0.1);
  });

  it('decodes to exactly the samples it reports (the LAME header lets decoders trim the encoder delay)', async () => {
    const { stderr } = await run(ffmpegPath, ['-hide_banner', '-nostdin', '-i', outputPath, '-af', 'astats', '-f', 'null', '-']);
    const decodedSamples = Number(/Overall[\s\S]*Number of samples:\s*(\d+)/.exec(stderr)?.[1]);
    expect(decodedSamples).toBe(Math.round(episode.durationSeconds * 44100));
  });

  it('returns chapters where their narration landed, the first from 0, back to back', () => {
    expect(episode.chapters.map((c) => c.title)).toEqual(narration.chapters.map((c) => c.title));
    expect(episode.chapters[0]?.start).toBe(0);
    for (const [index, chapter] of episode.chapters.entries()) {
      if (index > 0) expect(Math.abs(chapter.start - (episode.narrationOffset + narration.chapters[index]!.start))).toBeLessThan(0.05);
      expect(chapter.end).toBe(episode.chapters[index + 1]?.start ?? episode.durationSeconds);
    }
  });

  it('has one CHAP per chapter and a top-level ordered CTOC listing them, read by music-metadata', async () => {
    const metadata = await parseFile(outputPath, { includeChapters: true });
    const native = metadata.native['ID3v2.3'] ?? [];
    const chaps = native.filter((t) => t.id === 'CHAP').map((t) => t.value as { label: string; info: { startTime: number; endTime: number }; frames: Map<string, unknown> });
    const tocs = native.filter((t) => t.id === 'CTOC').map((t) => t.value as { label: string; flags: { topLevel: boolean; ordered: boolean }; childElementIds: string[] });
    expect(chaps).toHaveLength(3);
    expect(chaps.map((c) => c.frames.get('TIT2'))).toEqual(newsSections.map((s) => s.title));
    expect(tocs).toHaveLength(1);
    expect(tocs[0]?.flags).toEqual({ topLevel: true, ordered: true });
    expect(tocs[0]?.childElementIds).toEqual(chaps.map((c) => c.label));

    const chapters = metadata.format.chapters ?? [];
    expect(chapters.map((c) => c.title)).toEqual(newsSections.map((s) => s.title));
    expect(chapters[0]?.start).toBe(0);
    for (const [index, chapter] of chapters.entries()) {
      if (index === 0) continue;
      const expected = episode.narrationOffset + narration.chapters[index]!.start;
      expect(Math.abs(chapter.start - expected)).toBeLessThan(0.05);
    }
    expect(Math.abs((chapters.at(-1)?.end ?? 0) - episode.durationSeconds)).toBeLessThan(0.05);
  });

  it('has chapters that ffprobe reads at the same times', async () => {
    const probe = await ffprobe(outputPath);
    expect(probe.chapters.map((c) => c.tags?.title)).toEqual(newsSections.map((s) => s.title));
    for (const [index, chapter] of probe.chapters.entries()) {
      const expected = index === 0 ? 0 : episode.narrationOffset + narration.chapters[index]!.start;
      expect(Math.abs(Number(chapter.start_time) - expected)).toBeLessThan(0.05);
    }
  });

  it('has title, artist, album, date, genre Podcast and a real COMM comment', async () => {
    const metadata = await parseFile(outputPath);
    expect(metadata.format.tagTypes).toContain('ID3v2.3');
    expect(metadata.common.title).toBe(tags.title);
    expect(metadata.common.artist).toBe(tags.artist);
    expect(metadata.common.album).toBe(tags.album);
    expect(metadata.common.genre).toEqual(['Podcast']);
    expect(metadata.common.year).toBe(2024);
    const native = metadata.native['ID3v2.3'] ?? [];
    const comments = native.filter((t) => t.id === 'COMM').map((t) => t.value as { language: string; text: string });
    expect(comments).toEqual([expect.objectContaining({ language: 'eng', text: tags.comment })]);
    expect(native.some((t) => t.id === 'TXXX')).toBe(false);
    const probe = await ffprobe(outputPath);
    expect(probe.format).toMatchObject({ tags: expect.objectContaining({ title: tags.title, genre: 'Podcast' }) });
  });

  it('measures -16 LUFS ±0.5 with true peak at most -1 dBTP, and reports about what the file measures', async () => {
    const measured = await independentLoudness(outputPath);
    expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1);
    // Reported from the mix going into the encoder, less the encoder's fixed gain.
    expect(Math.abs(episode.loudness.integrated - measured.integrated)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(episode.loudness.truePeak - measured.truePeak)).toBeLessThanOrEqual(0.3);
    expect(Math.abs(episode.loudness.range - measured.range)).toBeLessThanOrEqual(0.5);
  });

  it('reports progress that only grows and ends at 1', () => {
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((value, index) => index === 0 || value > progress[index - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('leaves no temporary file beside the output', async () => {
    const names = await readdir(folder);
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('assembleEpisode loudness on unusual levels', () => {
  it.each([
    ['quiet', 0.05],
    ['loud and clipped', 8],
  ])('brings a %s narration to -16 LUFS, true peak ≤ -1 dBTP', async (name, gain) => {
    const narration = await makeNarration(join(folder, `${name}.wav`), newsSections, gain);
    const { outputPath } = await assembleInto(name.replaceAll(' ', '-'), narration);
    const measured = await independentLoudness(outputPath);
    expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1);
  }, 60_000);
});

describe('assembleEpisode with a template whose stings are 6 dB too hot', () => {
  it('brings the stings to level on their own and still lands on -16 LUFS', async () => {
    const hotTemplate = await mkdtemp(join(tmpdir(), 'newscast-hot-'));
    try {
      await copyFile(join(templateDir, 'template.json'), join(hotTemplate, 'template.json'));
      for (const clip of ['intro.flac', 'outro.flac']) {
        await run(ffmpegPath, ['-v', 'error', '-nostdin', '-i', join(templateDir, clip), '-af', 'volume=6dB', join(hotTemplate, clip)]);
      }
      const narration = await makeNarration(join(folder, 'hot.wav'), newsSections);
      const workDir = join(folder, 'hot-work');
      await mkdir(workDir, { recursive: true });
      const outputPath = join(folder, 'hot.mp3');
      await assembleEpisode({ narration, template: await resolveTemplate(hotTemplate), tags, outputPath, workDir });
      const measured = await independentLoudness(outputPath);
      expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
      expect(measured.truePeak).toBeLessThanOrEqual(-1);
    } finally {
      await rm(hotTemplate, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('assembleEpisode failures', () => {
  async function expectCleanFailure(outputFolder: string, request: AssemblyRequest, kind = 'internal') {
    await writeFile(request.outputPath, 'the previous episode');
    const failure = await assembleEpisode(request).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NewscastError);
    expect((failure as NewscastError).kind).toBe(kind);
    expect(await readFile(request.outputPath, 'utf8')).toBe('the previous episode');
    expect(await readdir(outputFolder)).toEqual(['episode.mp3']);
    return failure as NewscastError;
  }

  it('fails with the reason and leaves the existing file alone when the narration WAV is missing', async () => {
    const outputFolder = await mkdtemp(join(tmpdir(), 'newscast-fail-'));
    try {
      const narration = await makeNarration(join(folder, 'short.wav'), [newsSections[2]!]);
      const error = await expectCleanFailure(outputFolder, {
        narration: { ...narration, wavPath: join(folder, 'missing.wav') },
        template: await resolveTemplate(templateDir),
        tags,
        outputPath: join(outputFolder, 'episode.mp3'),
        workDir: folder,
      });
      expect(error.message).toMatch(/missing\.wav: ENOENT/);
    } finally {
      await rm(outputFolder, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails cleanly, as a bad template (exit 3), when a template clip is not audio', async () => {
    const outputFolder = await mkdtemp(join(tmpdir(), 'newscast-fail-'));
    const brokenTemplate = await mkdtemp(join(tmpdir(), 'newscast-template-'));
    try {
      await copyFile(join(templateDir, 'template.json'), join(brokenTemplate, 'template.json'));
      await copyFile(join(templateDir, 'outro.flac'), join(brokenTemplate, 'outro.flac'));
      await writeFile(join(brokenTemplate, 'intro.flac'), 'this is not a FLAC file');
      const narration = await makeNarration(join(folder, 'short2.wav'), [newsSections[2]!]);
      const error = await expectCleanFailure(
        outputFolder,
        { narration, template: await resolveTemplate(brokenTemplate), tags, outputPath: join(outputFolder, 'episode.mp3'), workDir: folder },
        'dependency',
      );
      expect(error.message).toContain('intro.flac');
    } finally {
      await rm(outputFolder, { recursive: true, force: true });
      await rm(brokenTemplate, { recursive: true, force: true });
    }
  }, 30_000);
});
