// Assembly: intro, narration and outro become one loudness-normalized, chaptered, tagged MP3.
//
// Each part is brought to level on its own (the clips by a plain gain, the narration by gain into a
// limiter, calibrated), so a quiet narration does not make the stings blare.
// Passes over the audio: survey (sample counts + loudness of each part), calibrate (narration through
// gain + limiter at a few trial gains), encode, verify (loudness of the MP3 itself). Only if the
// verified MP3 misses the target does one corrective encode + verify follow.
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NewscastError } from '../errors.js';
import type { AssembledEpisode, AssemblyRequest, Loudness } from './assembly.js';
import { writeAtomically } from '../files.js';
import { episodeChapters } from './chapters.js';
import {
  loudnessFilter,
  measureLoudness,
  parseLoudness,
  parseSampleCount,
  runFfmpeg,
  sampleCounterFilter,
} from './ffmpeg.js';
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
import { mp3EncoderOptions, mp3Presets, type Mp3Preset } from './mp3-presets.js';
import { resolveTemplate, type Template } from './template.js';
import {
  conformFilter,
  episodeFilterGraph,
  narrationOffsetSeconds,
  secondsToSamples,
  totalSamples,
  type TimelineLayout,
} from './timeline.js';

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

export async function assembleEpisode(
  request: AssemblyRequest,
  onProgress?: (fraction: number) => void,
): Promise<AssembledEpisode> {
  const template = await resolveTemplate(request.templateDir);
  const preset = mp3Presets.speech;
  const progress = progressReporter(onProgress);
  const inputs = [{ path: template.introPath }, { path: request.narration.wavPath }, { path: template.outroPath }];

  const survey = await surveyInputs(inputs, template, preset, (seconds) =>
    progress(0, progressShare.survey, seconds / request.narration.durationSeconds),
  );
  const layout = survey.layout;
  const narrationSeconds = layout.narrationSamples / layout.sampleRate;
  const episodeSeconds = totalSamples(layout) / layout.sampleRate;

  const narrationGainDb = await calibrateNarrationGain(request.narration.wavPath, survey.narrationLoudness, preset, (seconds) =>
    progress(progressShare.survey, progressShare.calibrate, seconds / narrationSeconds),
  );
  const parts = {
    intro: volumeFilter(clipGainDb(survey.introLoudness)),
    narration: volumeFilter(narrationGainDb),
    outro: volumeFilter(clipGainDb(survey.outroLoudness)),
  };
  // No correction unless the first encode misses the target.
  let correction: LevelCorrection = { beforeLimiterDb: 0, afterLimiterDb: 0 };

  const encodedPath = join(request.workDir, 'episode-audio.mp3');
  const encodeStart = progressShare.survey + progressShare.calibrate;
  const encodeAndVerify = async (share: number) => {
    const master = [
      volumeFilter(correction.beforeLimiterDb),
      truePeakLimiter(defaultLimiterCeilingDb, layout.sampleRate),
      volumeFilter(correction.afterLimiterDb),
    ].join(',');
    await runFfmpeg({
      inputs,
      filterGraph: episodeFilterGraph(layout, parts, master, 'episode'),
      outputOptions: ['-map', '[episode]', ...mp3EncoderOptions(preset)],
      output: encodedPath,
      onProgress: (seconds) => progress(encodeStart, progressShare.encode * share, seconds / episodeSeconds),
    });
    return measureLoudness(encodedPath);
  };

  let loudness = await encodeAndVerify(1);
  if (!isWithinTarget(loudness, true)) {
    // The encoder or an unusual clip moved the level more than predicted: correct the whole
    // episode from what the file measured, and encode once more.
    correction = levelCorrection(loudness);
    loudness = await encodeAndVerify(0);
  }
  progress(0, 1, 1);

  const narrationOffset = narrationOffsetSeconds(layout);
  const chapters = episodeChapters(request.narration.chapters, narrationOffset, episodeSeconds);
  const tag = buildId3Tag(request.tags, chapters, episodeSeconds);
  await writeAtomically(request.outputPath, async (temporaryPath) => {
    // The tag goes in front of the untagged MP3 ffmpeg wrote (whose first frame is the Xing/LAME
    // header that lets players trim the encoder delay and know the exact length).
    await writeFile(temporaryPath, tag);
    await pipeline(createReadStream(encodedPath), createWriteStream(temporaryPath, { flags: 'a' }));
  });

  return { durationSeconds: episodeSeconds, narrationOffset, chapters, loudness };
}

interface Survey {
  layout: TimelineLayout;
  introLoudness: Loudness;
  narrationLoudness: Loudness;
  outroLoudness: Loudness;
}

/** One pass: exact sample counts of all three parts at the episode rate, and their loudness. */
async function surveyInputs(
  inputs: { path: string }[],
  template: Template,
  preset: Mp3Preset,
  onProgress: (seconds: number) => void,
): Promise<Survey> {
  const conform = conformFilter(preset.sampleRate);
  const stderr = await runFfmpeg({
    inputs,
    filterGraph: [
      `[0:a]${conform},${sampleCounterFilter('intro')},${loudnessFilter('intro', false)},anullsink`,
      `[2:a]${conform},${sampleCounterFilter('outro')},${loudnessFilter('outro', false)},anullsink`,
      `[1:a]${conform},asplit=2[count][level]`,
      `[count]${sampleCounterFilter('narration')},anullsink`,
      `[level]${loudnessFilter('narration')}[out]`,
    ].join(';'),
    outputOptions: ['-map', '[out]', '-f', 'null'],
    output: '-',
    onProgress,
  });
  const layout: TimelineLayout = {
    sampleRate: preset.sampleRate,
    introSamples: parseSampleCount(stderr, 'intro'),
    gapAfterIntroSamples: secondsToSamples(template.gapAfterIntro, preset.sampleRate),
    narrationSamples: parseSampleCount(stderr, 'narration'),
    gapBeforeOutroSamples: secondsToSamples(template.gapBeforeOutro, preset.sampleRate),
    outroSamples: parseSampleCount(stderr, 'outro'),
  };
  if (layout.narrationSamples === 0) {
    throw new NewscastError('internal', 'The narration WAV holds no audio', 'Render the script again.');
  }
  return {
    layout,
    introLoudness: parseLoudness(stderr, 'intro'),
    narrationLoudness: parseLoudness(stderr, 'narration'),
    outroLoudness: parseLoudness(stderr, 'outro'),
  };
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
