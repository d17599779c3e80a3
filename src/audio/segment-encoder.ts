// Encodes a group of segments in one ffmpeg run: each segment is its own small mix (narration
// plus any clips), its own loudness meter and its own LAME encoder writing its own file. One
// process per group rather than per segment keeps process start-up off a long episode's bill.
import { loudnessLogFilter, parseLoudnessLog, runFfmpeg, type FfmpegInput, type LoudnessLog } from './ffmpeg.js';
import { mixGraph, type Layer } from './mix-graph.js';
import { mp3EncoderOptions, type Mp3Preset } from './mp3-presets.js';

export interface ClipLayer {
  path: string;
  /** Sample where the clip starts inside the segment. */
  start: number;
  /** Gain, fades, loop, envelope: ffmpeg filters applied after conforming. */
  filters: string;
}

export interface SegmentJob {
  /** Raw mono float32 narration, already levelled, at `narrationRate`. */
  narrationPath: string;
  narrationRate: number;
  /** Sample where the narration starts inside the segment. */
  narrationOffset: number;
  clips: ClipLayer[];
  /** Filters over the segment's mix ('' for none), e.g. a limiter where clips overlap. */
  master: string;
  /** Exact length, episode samples. */
  length: number;
  /** Where the MP3 is written. */
  outputPath: string;
}

/** Encodes every job; resolves with each one's loudness log, in order. */
export async function encodeSegments(
  jobs: readonly SegmentJob[],
  preset: Mp3Preset,
  onProgress?: (seconds: number) => void,
): Promise<LoudnessLog[]> {
  const inputs: FfmpegInput[] = [];
  const graphs: string[] = [];
  jobs.forEach((job, index) => {
    const layers: Layer[] = [];
    const add = (input: FfmpegInput) => inputs.push(input) - 1;
    layers.push({
      input: add({ path: job.narrationPath, options: ['-f', 'f32le', '-ar', String(job.narrationRate), '-ac', '1'] }),
      start: job.narrationOffset,
      filters: '',
    });
    for (const clip of job.clips) layers.push({ input: add({ path: clip.path }), start: clip.start, filters: clip.filters });
    graphs.push(mixGraph({ sampleRate: preset.sampleRate, totalSamples: job.length }, layers, job.master, `s${index}_mix`));
    // The meter reads a copy: ebur128 works at 48 kHz, and in line it would have the encoder's
    // audio resampled there and back (a sample longer, and two resamplers' worth of change).
    graphs.push(`[s${index}_mix]asplit=2[s${index}][s${index}_meter]`, `[s${index}_meter]${loudnessLogFilter(`s${index}`)},anullsink`);
  });
  const stderr = await runFfmpeg({
    inputs,
    filterGraph: graphs.join(';'),
    outputs: jobs.map((job, index) => ({ path: job.outputPath, options: ['-map', `[s${index}]`, ...mp3EncoderOptions(preset)] })),
    onProgress,
  });
  return jobs.map((_, index) => parseLoudnessLog(stderr, `s${index}`));
}
