// Assembly: intro, narration, music bed and outro become one loudness-normalized, chaptered,
// tagged MP3 with cover art, each stretch of audio encoded once.
//
// The episode is cut into segments at long pauses (segments.ts). The narration is brought to the
// loudness target paragraph by paragraph in our own code, on the PCM we already hold (gain into a
// true-peak limiter, level/); the clips get a plain gain to the same target. Each segment is then
// mixed, metered and encoded by ffmpeg in the same pass, several segments per ffmpeg run and
// several runs at once, and the MP3 frames are joined into one file (mp3-join.ts). A segment
// whose content has been encoded before comes from the cache, so an edit re-encodes only the
// segments it touched.
import { copyFile, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CacheStore } from '../cache-store.js';
import { writeAtomically } from '../files.js';
import type { AssembledEpisode, AssemblyRequest, EpisodeParts, Loudness } from './assembly.js';
import { bedEnvelopeFilter, placeBed, type BedPlacement } from './bed-envelope.js';
import { episodeChapters } from './chapters.js';
import { surveyClips, type ClipInfo } from './clip-survey.js';
import { makeCover } from './cover.js';
import { templateSpacing } from './episode-length.js';
import { ffmpegIdentity, type LoudnessLog } from './ffmpeg.js';
import { buildId3Tag } from './id3-tag.js';
import { levelSpeech } from './level/speech-level.js';
import { clipGainDb, defaultLimiterCeilingDb, encoderLossDb, loudnessTarget, truePeakLimiter, volumeFilter } from './loudness.js';
import { crc16, joinMp3Segments, parseMp3Segment, type Mp3Join, type Mp3Segment } from './mp3-join.js';
import { mp3EncoderOptions, mp3Presets, type Mp3Preset } from './mp3-presets.js';
import { NarrationPcm, type Silence } from './narration-pcm.js';
import { programmeLoudness } from './programme-loudness.js';
import { encodeSegments, type ClipLayer, type SegmentJob } from './segment-encoder.js';
import { minCutPauseSeconds, planSegments, type PlannedSegment } from './segments.js';
import type { ClipName } from './template-clips.js';
import type { Template } from './template.js';
import { planTimeline, type TimelineLayout } from './timeline.js';
import { transitionTimes } from './transitions.js';
import { secondsToSamples } from '../tts/pcm.js';
import type { TimedSentence } from '../tts/narration.js';

/**
 * Writes a segment's narration as raw float samples, each paragraph (the stretch between two long
 * pauses) brought to level on its own: the same unit whether or not a cut falls at its pause, and
 * never more than a paragraph in memory, even when nothing can be cut (a bed under the whole
 * episode).
 */
async function writeLevelledNarration(segment: PlannedSegment, context: EncodeContext, path: string): Promise<void> {
  const { pcm } = context;
  const inside = context.silences.map((silence) => silence.end).filter((end) => end > segment.from && end < segment.to);
  const bounds = [segment.from, ...inside, segment.to];
  const file = await open(path, 'w');
  try {
    for (let i = 0; i + 1 < bounds.length; i++) {
      const samples = toFloat(await pcm.read(bounds[i]!, bounds[i + 1]!));
      const levelled = levelSpeech(samples, pcm.sampleRate, { targetLufs: levelTarget, ceilingDbtp: defaultLimiterCeilingDb }).samples;
      await file.write(new Uint8Array(levelled.buffer, levelled.byteOffset, levelled.byteLength));
    }
  } finally {
    await file.close();
  }
}

/** The loudness each part aims at before the encoder, which takes a little off (loudness.ts). */
const levelTarget = loudnessTarget.integrated + encoderLossDb;
/** Segments per ffmpeg run, at most: enough to spread start-up, few enough to run several at once. */
const maxSegmentsPerRun = 24;
/** Bumped whenever what a segment's bytes depend on changes in a way its key does not show. */
const segmentFormat = 'segments-v2';

interface EncodedSegment {
  /** In the work folder: segments are read one at a time when the episode is written. */
  mp3Path: string;
  log: LoudnessLog;
}

export async function assembleEpisode(request: AssemblyRequest, onProgress?: (fraction: number) => void): Promise<AssembledEpisode> {
  const { template, narration } = request;
  const presetName = request.preset ?? template.preset;
  const preset = mp3Presets[presetName];
  const rate = preset.sampleRate;
  const store = request.cacheFolder ? new CacheStore(request.cacheFolder, segmentFormat, 'NCSEGMNT') : undefined;
  const clips = await surveyClips(template, rate, store);

  const pcm = await NarrationPcm.open(narration.wavPath);
  try {
    const layout = planTimeline(
      {
        sampleRate: rate,
        introSamples: clips.intro?.samples ?? 0,
        // Narration lengths stay fractional here: a segment rounds positions relative to its own
        // start, so its content does not change when an edit before it shifts it.
        narrationSamples: (pcm.length * rate) / pcm.sampleRate,
        speechEndSamples: (secondsToSamples(speechEnd(narration.sentences, pcm.length / pcm.sampleRate), pcm.sampleRate) * rate) / pcm.sampleRate,
        outroSamples: clips.outro?.samples ?? 0,
      },
      templateSpacing(template, rate),
    );
    const bed = template.bed && clips.bed ? placeBed(template.bed, layout, narration.sentences, narration.chapters) : undefined;
    const transitions = clips.transition ? transitionTimes(narration.marks).map((time) => layout.narrationStart + time * rate) : [];
    const layers = clipLayers(template, layout, clips, bed, transitions, levelTarget);
    const silences = await pcm.silences(Math.round(minCutPauseSeconds * pcm.sampleRate));
    const segments = planSegments({
      episodeRate: rate,
      narrationRate: pcm.sampleRate,
      narrationSamples: pcm.length,
      narrationStart: layout.narrationStart,
      totalSamples: layout.totalSamples,
      clipSpans: layers.map((layer) => ({ start: layer.start, end: layer.end })),
      silences,
    });

    // The cover is drawn while the segments encode; both end before a failure is passed on.
    const [encoding, drawing] = await Promise.allSettled([
      encodeEpisode(segments, layers, { pcm, silences, preset, store, workDir: request.workDir, jobs: request.jobs ?? 1, onProgress }),
      makeCover(template.cover, { title: request.tags.title, show: request.tags.album }, request.workDir),
    ]);
    if (encoding.status === 'rejected') throw encoding.reason;
    if (drawing.status === 'rejected') throw drawing.reason;
    const [encoded, cover] = [encoding.value, drawing.value];
    const streams: Mp3Segment[] = [];
    for (const [index, segment] of encoded.entries()) {
      const { music, ...stream } = parseMp3Segment(await readFile(segment.mp3Path), index, encoded.length);
      streams.push(stream);
    }
    const joined = joinMp3Segments(streams);

    // Where a point of the planned timeline ended up: its segment now starts on the frame grid.
    // A point in the pause a segment was shortened by (a sentence's first 30 ms may start there)
    // goes with the next segment, whose start it precedes.
    const toEpisodeSamples = (planned: number): number => {
      let index = 0;
      while (index + 1 < segments.length && segments[index + 1]!.plannedStart <= planned + 1e-6) index++;
      const segment = segments[index]!;
      if (index + 1 < segments.length && planned - segment.plannedStart >= segment.length) {
        return joined.segmentStarts[index + 1]! - (segments[index + 1]!.plannedStart - planned);
      }
      return joined.segmentStarts[index]! + planned - segment.plannedStart;
    };
    const toEpisodeSeconds = (narrationSeconds: number) => toEpisodeSamples(layout.narrationStart + narrationSeconds * rate) / rate;
    const episodeSeconds = joined.totalSamples / rate;
    const chapters = episodeChapters(narration.chapters, toEpisodeSeconds, episodeSeconds);
    const sentences = narration.sentences.map((sentence) => ({ ...sentence, start: toEpisodeSeconds(sentence.start), end: toEpisodeSeconds(sentence.end) }));

    const coverFile = `cover.${cover.extension}`;
    const tag = buildId3Tag(
      { ...request.tags, language: request.tags.language ?? template.language },
      chapters,
      episodeSeconds,
      { mime: cover.mime, bytes: await readFile(cover.path) },
    );
    await writeAtomically(request.outputPath, (temporaryPath) =>
      writeJoined(temporaryPath, tag, joined, encoded.map((segment, index) => ({ path: segment.mp3Path, musicStart: streams[index]!.infoFrame.length }))),
    );
    await writeAtomically(join(dirname(request.outputPath), coverFile), (temporaryPath) => copyFile(cover.path, temporaryPath));
    onProgress?.(1);

    const span = (start: number, end: number) => ({ start: toEpisodeSamples(start) / rate, end: toEpisodeSamples(end) / rate });
    const parts: EpisodeParts = {
      intro: layout.introSamples > 0 ? { start: 0, end: layout.introSamples / rate } : undefined,
      speech: span(layout.narrationStart, layout.narrationStart + Math.min(layout.speechEndSamples, layout.narrationSamples)),
      outro: layout.outroSamples > 0 ? span(layout.outroStart, layout.outroStart + layout.outroSamples) : undefined,
      bed: bed && bed.samples > 0 ? span(bed.start, bed.start + bed.samples) : undefined,
      ...(transitions.length > 0 ? { transitions: transitions.map((start) => span(start, start + clips.transition!.samples)) } : {}),
    };
    return {
      durationSeconds: episodeSeconds,
      narrationOffset: layout.narrationStart / rate,
      chapters,
      sentences,
      loudness: fileLoudness(programmeLoudness(encoded.map((segment) => segment.log))),
      parts,
      preset: presetName,
      coverFile,
    };
  } finally {
    await pcm.close();
  }
}

/** A segment's job, but for the files it reads and writes. */
type SegmentSpec = Omit<SegmentJob, 'narrationPath' | 'outputPath' | 'clips'> & { clips: PlacedClip[] };

interface EncodeContext {
  pcm: NarrationPcm;
  /** The narration's long pauses: levelling goes paragraph by paragraph. */
  silences: Silence[];
  preset: Mp3Preset;
  store?: CacheStore;
  workDir: string;
  jobs: number;
  onProgress?: (fraction: number) => void;
}

interface PlacedClip extends ClipLayer {
  hash: string;
  /** One past its last sample, on the planned timeline. */
  end: number;
}

/**
 * Every segment's MP3 and loudness log, in order: from the cache where its content was encoded
 * before, else levelled here and encoded by ffmpeg, a group of segments per run, `jobs` runs at once.
 */
async function encodeEpisode(segments: PlannedSegment[], clips: PlacedClip[], context: EncodeContext): Promise<EncodedSegment[]> {
  const { pcm, preset, store } = context;
  const results: (EncodedSegment | undefined)[] = [];
  const missing: { index: number; key: string; job: SegmentSpec }[] = [];
  for (const [index, segment] of segments.entries()) {
    const job = segmentJob(segment, clips, preset, pcm.sampleRate);
    const narration = await pcm.read(segment.from, segment.to);
    const key = CacheStore.keyOf(
      JSON.stringify({ ffmpeg: ffmpegIdentity, preset, encoder: mp3EncoderOptions(preset), target: levelTarget, ceiling: defaultLimiterCeilingDb }),
      JSON.stringify({ ...job, clips: job.clips.map(({ hash, start, filters }) => ({ hash, start, filters })) }),
      pcm.sampleRate,
      new Uint8Array(narration.buffer),
    );
    const cached = store && decodeSegment(await store.read(key));
    if (cached) {
      const mp3Path = join(context.workDir, `segment-${index}.mp3`);
      await writeFile(mp3Path, cached.mp3);
      results.push({ mp3Path, log: cached.log });
    } else {
      results.push(undefined);
      missing.push({ index, key, job });
    }
  }

  const total = missing.reduce((sum, { job }) => sum + job.length, 0);
  const done: number[] = [];
  let reported = 0;
  const report = () => {
    const fraction = Math.min(0.99, done.reduce((sum, value) => sum + value, 0) / total);
    if (fraction > reported) context.onProgress?.((reported = fraction));
  };
  // A whole number of rounds of `jobs` runs, so that no run is left to go alone at the end.
  const groups = groupsOf(missing, context.jobs * Math.ceil(missing.length / (context.jobs * maxSegmentsPerRun)));
  const encodeGroup = async (group: typeof missing, groupIndex: number): Promise<void> => {
    const jobs: SegmentJob[] = [];
    for (const { index, job } of group) {
      const narrationPath = join(context.workDir, `segment-${index}.f32`);
      await writeLevelledNarration(segments[index]!, context, narrationPath);
      jobs.push({ ...job, narrationPath, outputPath: join(context.workDir, `segment-${index}.mp3`) });
    }
    const longest = Math.max(...jobs.map((job) => job.length)) / preset.sampleRate;
    const groupSamples = jobs.reduce((sum, job) => sum + job.length, 0);
    const logs = await encodeSegments(jobs, preset, (seconds) => {
      done[groupIndex] = Math.min(1, seconds / longest) * groupSamples;
      report();
    });
    done[groupIndex] = groupSamples;
    report();
    for (const [position, { index, key }] of group.entries()) {
      const job = jobs[position]!;
      results[index] = { mp3Path: job.outputPath, log: logs[position]! };
      await rm(job.narrationPath, { force: true });
      if (store) await store.write(key, cacheEntry(logs[position]!, await readFile(job.outputPath)));
    }
  };
  // `jobs` runs at once. After a failure no new run starts, and the error is passed on only once
  // the runs under way have ended: none is left writing into a work folder that is being removed.
  let next = 0;
  const failures: unknown[] = [];
  const runner = async (): Promise<void> => {
    while (next < groups.length && failures.length === 0) {
      const groupIndex = next++;
      await encodeGroup(groups[groupIndex]!, groupIndex).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(context.jobs, groups.length) }, runner));
  if (failures.length > 0) throw failures[0];
  return results.map((result) => result!);
}

/**
 * What the file will measure: the mix was metered on its way into the encoder, which scales it
 * down (loudness.ts). True peak stays the mix's: LAME's quantization adds back a few tenths of
 * what its scale takes off, so the mix's is the safe figure to state.
 */
function fileLoudness(mix: Loudness): Loudness {
  // A programme too short or quiet to gate keeps ebur128's -70 placeholder as it is.
  return mix.integrated > -70 ? { ...mix, integrated: mix.integrated - encoderLossDb } : mix;
}

/** Splits consecutive items into at most `count` runs of about equal length. */
function groupsOf<T extends { job: { length: number } }>(items: T[], count: number): T[][] {
  const total = items.reduce((sum, item) => sum + item.job.length, 0);
  const groups: T[][] = [];
  let filled = 0;
  for (const item of items) {
    const target = Math.min(count - 1, Math.floor((filled / total) * count));
    (groups[target] ??= []).push(item);
    filled += item.job.length;
  }
  return groups.filter((group) => group.length > 0);
}

/** What a segment is made of, but its narration's samples. */
function segmentJob(
  segment: PlannedSegment,
  clips: PlacedClip[],
  preset: Mp3Preset,
  narrationRate: number,
): SegmentSpec {
  const end = segment.plannedStart + segment.length;
  const inside = clips
    .filter((clip) => clip.start >= segment.plannedStart - 1e-6 && clip.start < end)
    .map((clip) => ({ ...clip, start: Math.round(clip.start - segment.plannedStart) }));
  return {
    narrationRate,
    narrationOffset: segment.narrationOffset,
    clips: inside,
    // Clips are only brought to level, not limited: where one sounds, a limiter guards the mix.
    master: inside.length > 0 ? truePeakLimiter(defaultLimiterCeilingDb, preset.sampleRate) : '',
    length: segment.length,
  };
}

function toFloat(samples: Int16Array): Float32Array {
  const floats = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) floats[i] = samples[i]! / 32768;
  return floats;
}

/** A cache entry: the loudness log as JSON, its length first, then the MP3 bytes. */
function cacheEntry(log: LoudnessLog, mp3: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(log));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, mp3]);
}

function decodeSegment(body: Buffer | undefined): { log: LoudnessLog; mp3: Uint8Array } | undefined {
  if (!body || body.length < 4) return undefined;
  const logLength = body.readUInt32LE(0);
  if (4 + logLength > body.length) return undefined;
  const log = JSON.parse(body.toString('utf8', 4, 4 + logLength), (_, value) => (value === null ? -Infinity : value)) as LoudnessLog;
  return { log, mp3: body.subarray(4 + logLength) };
}

/**
 * Writes tag, Info frame and every segment's music, one segment in memory at a time; the Info frame
 * carries the CRC of all the music, so it is written again once that is known.
 */
async function writeJoined(path: string, tag: Buffer, joined: Mp3Join, segments: { path: string; musicStart: number }[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(tag);
    await file.write(joined.infoFrame(0));
    let crc = 0;
    for (const segment of segments) {
      const music = (await readFile(segment.path)).subarray(segment.musicStart);
      crc = crc16(music, crc);
      await file.write(music);
    }
    const infoFrame = joined.infoFrame(crc);
    await file.write(infoFrame, 0, infoFrame.length, tag.length);
  } finally {
    await file.close();
  }
}

/** Where the last sentence ends; the whole narration when no sentence is timed. */
function speechEnd(sentences: readonly TimedSentence[], durationSeconds: number): number {
  const ends = sentences.map((sentence) => sentence.end);
  return ends.length > 0 ? Math.min(durationSeconds, Math.max(...ends)) : durationSeconds;
}

/** The template's clips where they sound on the planned timeline, with their gain, fades and envelope. */
function clipLayers(
  template: Template,
  layout: TimelineLayout,
  clips: Partial<Record<ClipName, ClipInfo>>,
  bed: BedPlacement | undefined,
  transitions: number[],
  target: number,
): PlacedClip[] {
  const layers: PlacedClip[] = [];
  const { intro, outro, transition } = clips;
  if (intro && layout.introSamples > 0) {
    const fade = layout.introFadeSamples > 0 ? `afade=t=out:ss=${layout.introSamples - layout.introFadeSamples}:ns=${layout.introFadeSamples}` : '';
    layers.push({ path: intro.path, hash: intro.hash, start: 0, end: layout.introSamples, filters: [volumeFilter(clipGainDb(intro.loudness, target)), fade].filter(Boolean).join(',') });
  }
  if (outro && layout.outroSamples > 0) {
    layers.push({ path: outro.path, hash: outro.hash, start: layout.outroStart, end: layout.outroStart + layout.outroSamples, filters: volumeFilter(clipGainDb(outro.loudness, target)) });
  }
  if (transition) {
    const filters = volumeFilter(clipGainDb(transition.loudness, target));
    for (const start of transitions) layers.push({ path: transition.path, hash: transition.hash, start, end: start + transition.samples, filters });
  }
  if (clips.bed && template.bed && bed && bed.samples > 0) {
    const levelDb = clipGainDb(clips.bed.loudness, target) + template.bed.level;
    layers.push({
      path: clips.bed.path,
      hash: clips.bed.hash,
      start: bed.start,
      end: bed.start + bed.samples,
      filters: [
        // A bed shorter than its span is looped, a counted number of times (an endless aloop
        // never ends here even after atrim has what it needs); asetpts restarts the clock the
        // envelope reads.
        `aloop=loop=${Math.ceil(bed.samples / clips.bed.samples) - 1}:size=${clips.bed.samples}`,
        `asetpts=N/${layout.sampleRate}/TB`,
        `atrim=end_sample=${bed.samples}`,
        bedEnvelopeFilter(template.bed, bed, levelDb, layout.sampleRate),
      ].join(','),
    });
  }
  return layers;
}
