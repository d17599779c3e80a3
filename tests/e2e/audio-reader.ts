import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import ffprobe from '@ffprobe-installer/ffprobe';

const run = promisify(execFile);

/** Reads MP3s back the way a listener's software would: independently of newscast's own code. */

export async function probe(path: string): Promise<{
  format: { duration: string; format_name: string; size: string; tags?: Record<string, string> };
  streams: Array<{ codec_name: string; sample_rate?: string; channels?: number; bit_rate?: string; width?: number; height?: number }>;
  chapters: Array<{ start_time: string; end_time: string; tags?: { title?: string } }>;
}> {
  const { stdout } = await run(ffprobe.path, ['-v', 'error', '-show_format', '-show_streams', '-show_chapters', '-of', 'json', path]);
  return JSON.parse(stdout);
}

/** Integrated loudness (LUFS), true peak (dBTP) and loudness range (LU), by ffmpeg's ebur128. */
export async function loudnessOf(path: string): Promise<{ integrated: number; truePeak: number; range: number }> {
  const { stderr } = await run(ffmpeg.path, ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const number = (pattern: RegExp): number => Number(pattern.exec(summary)?.[1]);
  return { integrated: number(/I:\s+(-?[\d.]+) LUFS/), truePeak: number(/Peak:\s+(-?[\d.]+) dBFS/), range: number(/LRA:\s+(-?[\d.]+) LU/) };
}

/** The decoded audio as mono 16-bit samples at `sampleRate`; decoding errors throw. */
export async function decode(path: string, sampleRate = 16000): Promise<Int16Array> {
  const { stdout } = await run(ffmpeg.path, ['-v', 'error', '-xerror', '-i', path, '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', '-'], {
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  return new Int16Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 2);
}

/** Root mean square level of a stretch of audio, in dBFS. */
export function levelDb(samples: Int16Array, from: number, to: number): number {
  let sum = 0;
  const slice = samples.subarray(Math.max(0, from), Math.min(samples.length, to));
  for (const sample of slice) sum += sample * sample;
  return 10 * Math.log10(sum / Math.max(1, slice.length) / 32768 ** 2 + 1e-12);
}

/** The cues of an episode's transcript.vtt, in seconds, read with nothing of newscast's. */
export function transcriptCues(episodeDir: string): { start: number; end: number }[] {
  const seconds = (text: string): number => {
    const [hours, minutes, secs] = text.split(':').map(Number);
    return hours! * 3600 + minutes! * 60 + secs!;
  };
  return [...readFileSync(join(episodeDir, 'transcript.vtt'), 'utf8').matchAll(/(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})/g)].map((match) => ({
    start: seconds(match[1]!),
    end: seconds(match[2]!),
  }));
}
