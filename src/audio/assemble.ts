// Assembly: intro, narration, music bed and outro become one loudness-normalized, chaptered,
// tagged MP3 with cover art.
//
// Each part is brought to level on its own (the clips and the bed by a plain gain, the narration by
// gain into a limiter, calibrated), so a quiet narration does not make the stings blare.
// Passes over the audio: survey (sample counts + loudness of each part), calibrate (narration through
// gain + limiter at a few trial gains), encode, verify (loudness of the MP3 itself). Only if the
// verified MP3 misses the target does one corrective encode + verify follow.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NewscastError } from '../errors.js';
import { writeAtomically } from '../files.js';
import type { TimedSentence } from '../tts/narration.js';
import type { AssembledEpisode, AssemblyRequest, EpisodeParts, Loudness } from './assembly.js';
import { bedEnvelopeFilter, placeBed, type BedPlacement } from './bed-envelope.js';
import { episodeChapters } from './chapters.js';
import { makeCover } from './cover.js';
import { loudnessFilter, measureLoudness, parseLoudness, parseSampleCount, runFfmpeg, sampleCounterFilter } from './ffmpeg.js';
import { buildId3Tag } from './id3-tag.js';
import {
  clipGainDb,
  defaultLimiterCeilingDb,
  gainForTarget,
  isWithinTarget,
  levelCorrection,
  loudnessTarget,
  truePeakLimiter,
  volumeFilter,
  type GainTrial,
  type LevelCorrection,
} from './loudness.js';
import { mixGraph, type Layer } from './mix-graph.js';
import { mp3EncoderOptions, mp3Presets, type Mp3Preset } from './mp3-presets.js';
import type { Template } from './template.js';
import { secondsToSamples } from '../tts/pcm.js';
import { conformFilter, narrationOffsetSeconds, planTimeline, type TimelineLayout } from './timeline.js';

/** Share of the progress bar each pass takes. */
const progressShare = { survey: 0.1, calibrate: 0.15, encode: 0.6, verify: 0.15 } as const;

/**
 * Trial gains above the plain loudness-matching gain. The limiter takes up to ~3 dB off peaky
 * speech (flite's kal16 has a 20 dB peak-to-loudness ratio), so loudness grows ~0.4 dB per dB.
 */
const calibrationOffsetsDb = [0, 2, 4];
/** Never amplify more than this (a near-silent narration would become pure noise). */
const maxGainDb = 50;
/**
 * The final MP3 measures about this much below the calibrated narration (LAME at 64 kb/s, plus the
 * stings; 0.5-0.6 dB measured here), so the narration aims above the target by as much.
 */
const encoderLoudnessLossDb = 0.6;

/** ffmpeg inputs of one episode, and which index each part has. */
interface EpisodeInputs {
  paths: { path: string }[];
  narration: number;
  intro?: number;
  outro?: number;
  bed?: number;
}

export async function assembleEpisode(
  request: AssemblyRequest,
  onProgress?: (fraction: number) => void,
): Promise<AssembledEpisode> {
  const { template } = request;
  const presetName = request.preset ?? template.preset;
  const preset = mp3Presets[presetName];
  const progress = progressReporter(onProgress);
  const inputs = episodeInputs(request.narration.wavPath, template);
  const narration = request.narration;

  const survey = await surveyInputs(inputs, preset, (seconds) =>
    progress(0, progressShare.survey, seconds / narration.durationSeconds),
  );
  const rate = preset.sampleRate;
  const layout = planTimeline(
    {
      sampleRate: rate,
      introSamples: survey.samples.intro ?? 0,
      narrationSamples: survey.samples.narration,
      speechEndSamples: secondsToSamples(speechEnd(narration.sentences, narration.durationSeconds), rate),
      outroSamples: survey.samples.outro ?? 0,
    },
    {
      crossfadeSamples: secondsToSamples(template.intro?.crossfade ?? 0, rate),
      gapAfterIntroSamples: secondsToSamples(template.intro?.gap ?? 0, rate),
      gapBeforeOutroSamples: secondsToSamples(template.outro?.gap ?? 0, rate),
    },
  );
  const episodeSeconds = layout.totalSamples / rate;
  const bed = template.bed && placeBed(template.bed, layout, narration.sentences, narration.chapters);

  const narrationGainDb = await calibrateNarrationGain(narration.wavPath, survey.loudness.narration, preset, (seconds) =>
    progress(progressShare.survey, progressShare.calibrate, seconds / narration.durationSeconds),
  );
  const layers = episodeLayers(inputs, template, layout, survey, narrationGainDb, bed);
  // No correction unless the first encode misses the target.
  let correction: LevelCorrection = { beforeLimiterDb: 0, afterLimiterDb: 0 };

  const encodedPath = join(request.workDir, 'episode-audio.mp3');
  const encodeStart = progressShare.survey + progressShare.calibrate;
  const encodeAndVerify = async (share: number) => {
    const master = [
      volumeFilter(correction.beforeLimiterDb),
      truePeakLimiter(defaultLimiterCeilingDb, rate),
      volumeFilter(correction.afterLimiterDb),
    ].join(',');
    await runFfmpeg({
      inputs: inputs.paths,
      filterGraph: mixGraph(layout, layers, master, 'episode'),
      outputOptions: ['-map', '[episode]', ...mp3EncoderOptions(preset)],
      output: encodedPath,
      onProgress: (seconds) => progress(encodeStart, progressShare.encode * share, seconds / episodeSeconds),
    });
    return measureLoudness(encodedPath);
  };

  let loudness = await encodeAndVerify(1);
  if (!isWithinTarget(loudness)) {
    // The encoder or an unusual clip moved the level more than predicted: correct the whole
    // episode from what the file measured, and encode once more.
    correction = levelCorrection(loudness);
    loudness = await encodeAndVerify(0);
  }
  progress(0, 1, 1);

  const cover = await makeCover(template.cover, { title: request.tags.title, show: request.tags.album }, request.workDir);
  const coverFile = `cover.${cover.extension}`;
  const narrationOffset = narrationOffsetSeconds(layout);
  const chapters = episodeChapters(narration.chapters, narrationOffset, episodeSeconds);
  const tag = buildId3Tag(
    { ...request.tags, language: request.tags.language ?? template.language },
    chapters,
    episodeSeconds,
    { mime: cover.mime, bytes: await readFile(cover.path) },
  );
  await writeAtomically(request.outputPath, async (temporaryPath) => {
    // The tag goes in front of the untagged MP3 ffmpeg wrote (whose first frame is the Xing/LAME
    // header that lets players trim the encoder delay and know the exact length).
    await writeFile(temporaryPath, tag);
    await pipeline(createReadStream(encodedPath), createWriteStream(temporaryPath, { flags: 'a' }));
  });
  await writeAtomically(join(dirname(request.outputPath), coverFile), (temporaryPath) => copyFile(cover.path, temporaryPath));

  return { durationSeconds: episodeSeconds, narrationOffset, chapters, loudness, parts: partSpans(layout, bed), preset: presetName, coverFile };
}

/** Where the last sentence ends; the whole narration when no sentence is timed. */
function speechEnd(sentences: readonly TimedSentence[], durationSeconds: number): number {
  const ends = sentences.map((sentence) => sentence.end);
  return ends.length > 0 ? Math.min(durationSeconds, Math.max(...ends)) : durationSeconds;
}

function episodeInputs(narrationPath: string, template: Template): EpisodeInputs {
  const paths = [{ path: narrationPath }];
  const add = (path: string | undefined) => (path ? paths.push({ path }) - 1 : undefined);
  return { narration: 0, intro: add(template.intro?.path), outro: add(template.outro?.path), bed: add(template.bed?.path), paths };
}

function episodeLayers(
  inputs: EpisodeInputs,
  template: Template,
  layout: TimelineLayout,
  survey: Survey,
  narrationGainDb: number,
  bed: BedPlacement | undefined,
): Layer[] {
  const layers: Layer[] = [];
  if (inputs.intro !== undefined && survey.loudness.intro) {
    const fade = layout.introFadeSamples > 0 ? `afade=t=out:ss=${layout.introSamples - layout.introFadeSamples}:ns=${layout.introFadeSamples}` : '';
    layers.push({ input: inputs.intro, start: 0, filters: [volumeFilter(clipGainDb(survey.loudness.intro)), fade].filter(Boolean).join(',') });
  }
  layers.push({ input: inputs.narration, start: layout.narrationStart, filters: volumeFilter(narrationGainDb) });
  if (inputs.outro !== undefined && survey.loudness.outro) {
    layers.push({ input: inputs.outro, start: layout.outroStart, filters: volumeFilter(clipGainDb(survey.loudness.outro)) });
  }
  if (inputs.bed !== undefined && template.bed && bed && bed.samples > 0 && survey.loudness.bed && survey.samples.bed) {
    const levelDb = clipGainDb(survey.loudness.bed) + template.bed.level;
    layers.push({
      input: inputs.bed,
      start: bed.start,
      filters: [
        // A bed shorter than its span is looped, a counted number of times (an endless aloop
        // never ends here even after atrim has what it needs); asetpts restarts the clock the
        // envelope reads.
        `aloop=loop=${Math.ceil(bed.samples / survey.samples.bed) - 1}:size=${survey.samples.bed}`,
        `asetpts=N/${layout.sampleRate}/TB`,
        `atrim=end_sample=${bed.samples}`,
        bedEnvelopeFilter(template.bed, bed, levelDb, layout.sampleRate),
      ].join(','),
    });
  }
  return layers;
}

function partSpans(layout: TimelineLayout, bed: BedPlacement | undefined): EpisodeParts {
  const seconds = (samples: number) => samples / layout.sampleRate;
  const span = (start: number, length: number) => ({ start: seconds(start), end: seconds(start + length) });
  return {
    intro: layout.introSamples > 0 ? span(0, layout.introSamples) : undefined,
    speech: span(layout.narrationStart, Math.min(layout.speechEndSamples, layout.narrationSamples)),
    outro: layout.outroSamples > 0 ? span(layout.outroStart, layout.outroSamples) : undefined,
    bed: bed && bed.samples > 0 ? span(bed.start, bed.samples) : undefined,
  };
}

type PartName = 'narration' | 'intro' | 'outro' | 'bed';

interface Survey {
  samples: { narration: number } & Partial<Record<PartName, number>>;
  loudness: { narration: Loudness } & Partial<Record<PartName, Loudness>>;
}

/** One pass: exact sample counts of every part at the episode rate, and their loudness. */
async function surveyInputs(inputs: EpisodeInputs, preset: Mp3Preset, onProgress: (seconds: number) => void): Promise<Survey> {
  const conform = conformFilter(preset.sampleRate);
  const clips = (['intro', 'outro', 'bed'] as const).filter((name) => inputs[name] !== undefined);
  const stderr = await runFfmpeg({
    inputs: inputs.paths,
    filterGraph: [
      ...clips.map((name) => `[${inputs[name]}:a]${conform},${sampleCounterFilter(name)},${loudnessFilter(name, false)},anullsink`),
      `[${inputs.narration}:a]${conform},asplit=2[count][level]`,
      `[count]${sampleCounterFilter('narration')},anullsink`,
      `[level]${loudnessFilter('narration', false)}[out]`,
    ].join(';'),
    outputOptions: ['-map', '[out]', '-f', 'null'],
    output: '-',
    onProgress,
  });
  const survey: Survey = {
    samples: { narration: parseSampleCount(stderr, 'narration') },
    loudness: { narration: parseLoudness(stderr, 'narration') },
  };
  if (survey.samples.narration === 0) {
    throw new NewscastError('internal', 'The narration WAV holds no audio', 'Render the script again.');
  }
  for (const name of clips) {
    survey.samples[name] = parseSampleCount(stderr, name);
    survey.loudness[name] = parseLoudness(stderr, name);
  }
  return survey;
}

/**
 * The narration gain that makes it land on the target after the limiter, found by running the
 * narration through gain + limiter at a few trial gains in one pass and interpolating.
 */
async function calibrateNarrationGain(
  wavPath: string,
  raw: Loudness,
  preset: Mp3Preset,
  onProgress: (seconds: number) => void,
): Promise<number> {
  // A silent narration has no loudness to match (ebur128 reports its -70 LUFS floor).
  if (!(raw.integrated > -69)) return 0;
  const target = loudnessTarget.integrated + encoderLoudnessLossDb;
  const baseGain = Math.min(maxGainDb, target - raw.integrated);
  const gains = calibrationOffsetsDb.map((offset) => Math.min(maxGainDb, baseGain + offset));
  const limiter = truePeakLimiter(defaultLimiterCeilingDb, preset.sampleRate);
  const branches = gains.map((gain, index) => {
    const sink = index === 0 ? '[out]' : ',anullsink';
    return `[trial${index}]${volumeFilter(gain)},${limiter},${loudnessFilter(`trial${index}`, false)}${sink}`;
  });
  const stderr = await runFfmpeg({
    inputs: [{ path: wavPath }],
    filterGraph: [
      `[0:a]${conformFilter(preset.sampleRate)},asplit=${gains.length}${gains.map((_, i) => `[trial${i}]`).join('')}`,
      ...branches,
    ].join(';'),
    outputOptions: ['-map', '[out]', '-f', 'null'],
    output: '-',
    onProgress,
  });
  const trials: GainTrial[] = gains.map((gainDb, index) => ({
    gainDb,
    integrated: parseLoudness(stderr, `trial${index}`).integrated,
  }));
  return Math.min(maxGainDb, gainForTarget(trials, target));
}

/** Maps each pass's own fraction into its share of the whole, never going backwards. */
function progressReporter(onProgress?: (fraction: number) => void) {
  let reported = 0;
  return (start: number, share: number, fraction: number) => {
    if (!onProgress || !Number.isFinite(fraction)) return;
    const overall = Math.min(1, start + share * Math.min(1, Math.max(0, fraction)));
    if (overall > reported) {
      reported = overall;
      onProgress(overall);
    }
  };
}
