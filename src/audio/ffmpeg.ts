// The only module that talks to ffmpeg. fluent-ffmpeg is archived upstream; keeping it behind these
// few promise-returning helpers means it can be swapped for a direct spawn without touching callers.
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import ffmpeg from 'fluent-ffmpeg';
import { NewscastError } from '../errors.js';
import { ffmpegFileSystemError } from '../file-system-errors.js';
import { trackChildProcess } from '../running-children.js';
import type { Loudness } from './assembly.js';

const require = createRequire(import.meta.url);
const ffmpegBinary = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
ffmpeg.setFfmpegPath(ffmpegBinary);

/** Which ffmpeg this is, for cache keys: another build may encode other bytes. */
export const ffmpegIdentity = `${ffmpegBinary}:${statSync(ffmpegBinary).size}`;

export interface FfmpegInput {
  path: string;
  /** Options placed before this `-i`, one argument per element. */
  options?: string[];
}

export interface FfmpegOutput {
  /** A file path, or '-' with `-f null`. */
  path: string;
  /** One argument per element (fluent-ffmpeg splits a string with exactly one space in two). */
  options: string[];
}

export interface FfmpegJob {
  inputs: FfmpegInput[];
  /** A -filter_complex graph; each output maps its label with `-map`. */
  filterGraph?: string;
  /** What to write: one encoder (or `-f null` for a measuring pass) per output. */
  outputs: FfmpegOutput[];
  /** Seconds of output written so far, as ffmpeg reports it. */
  onProgress?: (seconds: number) => void;
}

/** Runs one ffmpeg command; resolves with its whole stderr (the filters' reports are in it). */
export function runFfmpeg(job: FfmpegJob): Promise<string> {
  return new Promise((resolve, reject) => {
    // stdoutLines 0 keeps every stderr line: the ebur128/astats summaries come last, after many.
    const command = ffmpeg({ stdoutLines: 0 });
    for (const input of job.inputs) {
      command.input(input.path);
      if (input.options?.length) command.inputOptions(input.options);
    }
    if (job.filterGraph) command.complexFilter(job.filterGraph);
    job.outputs.forEach((output, index) => {
      // Global options ride on the first output: fluent-ffmpeg has no place of their own for them.
      command.output(output.path).outputOptions([...(index === 0 ? ['-hide_banner', '-nostdin'] : []), ...output.options]);
    });
    command.on('progress', (progress: { timemark?: string }) => {
      const seconds = progress.timemark ? parseTimemark(progress.timemark) : undefined;
      if (seconds !== undefined) job.onProgress?.(seconds);
    });
    // fluent-ffmpeg sets ffmpegProc just before 'start': tracked, so an interrupted run stops it.
    command.on('start', () => trackChildProcess((command as unknown as { ffmpegProc: ChildProcess }).ffmpegProc));
    command.on('end', (_stdout: string | null, stderr: string | null) => resolve(stderr ?? ''));
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) =>
      reject(ffmpegFileSystemError(stderr ?? '', job.outputs[0]?.path, error) ?? ffmpegError(error, stderr)),
    );
    command.run();
  });
}

function ffmpegError(error: Error, stderr: string | null): NewscastError {
  // ffmpeg puts the cause in its last lines; fluent-ffmpeg's message holds only one of them.
  const lastLines = (stderr ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('size=') && !/^\[.* @ 0x[0-9a-f]+\] (I|LRA|Threshold)/.test(line))
    .slice(-6)
    .join('\n');
  return new NewscastError(
    'internal',
    `ffmpeg failed: ${lastLines || error.message}`,
    'This is a bug or a broken input file; run again with the same input to reproduce it.',
    { cause: error },
  );
}

function parseTimemark(timemark: string): number | undefined {
  const match = /^(-?\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(timemark);
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/**
 * An ebur128 filter that reports integrated loudness, loudness range and true peak once, at the
 * end (framelog=verbose keeps its ten-per-second lines out of stderr). `name` tells the reports
 * of several instances in one graph apart.
 */
export function loudnessFilter(name: string, truePeak = true): string {
  // True peak means 4x oversampling inside ebur128: skip it where only loudness matters.
  return `ebur128@${name}=peak=${truePeak ? 'true' : 'none'}:framelog=verbose`;
}

/** Reads what `loudnessFilter(name)` printed. */
export function parseLoudness(stderr: string, name: string): Loudness {
  const summary = reportOf(stderr, `ebur128@${name}`).join('\n');
  const integrated = numberAfter(summary, /I:\s*(-?[\d.]+|-inf) LUFS/);
  const range = numberAfter(summary, /LRA:\s*(-?[\d.]+|-inf) LU/);
  // Without peak measurement ebur128 prints no peak; report it as unknown (NaN).
  const truePeak = numberAfter(summary, /Peak:\s*(-?[\d.]+|-inf) dBFS/) ?? Number.NaN;
  if (integrated === undefined || range === undefined) {
    throw new NewscastError('internal', `ebur128 printed no loudness summary for ${name}`);
  }
  return { integrated, truePeak, range };
}

/**
 * An ebur128 filter that also logs, every 100 ms, the momentary loudness (of the last 400 ms):
 * the blocks BS.1770 gates, so several segments' logs add up to the loudness of the whole
 * programme. It passes the audio through unchanged.
 */
export function loudnessLogFilter(name: string): string {
  return `ebur128@${name}=peak=true:framelog=info`;
}

export interface LoudnessLog {
  /** Momentary loudness (LUFS) of each full 400 ms block, 100 ms apart. */
  momentary: number[];
  /** dBTP of the whole stretch. */
  truePeak: number;
}

/** Reads what `loudnessLogFilter(name)` printed. */
export function parseLoudnessLog(stderr: string, name: string): LoudnessLog {
  const prefix = `[ebur128@${name} @ `;
  const log: LoudnessLog = { momentary: [], truePeak: Number.NaN };
  // ebur128 prints t at the end of each 100 ms; blocks that reach back before t = 0 are partial.
  // A block of digital silence reads "nan" (or "-inf"): silence, as far as gating goes.
  const frame = /\bt:\s*([\d.]+)\s+TARGET:\S+ LUFS\s+M:\s*(-?[\d.]+|-inf|nan)/;
  for (const line of stderr.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const match = frame.exec(line);
    if (!match) continue;
    const t = Number(match[1]);
    if (t >= 0.4 - 1e-3) log.momentary.push(/^-?[\d.]+$/.test(match[2]!) ? Number(match[2]) : -Infinity);
  }
  const summary = reportOf(stderr, `ebur128@${name}`).join('\n');
  log.truePeak = numberAfter(summary, /Peak:\s*(-?[\d.]+|-inf) dBFS/) ?? Number.NaN;
  if (Number.isNaN(log.truePeak)) throw new NewscastError('internal', `ebur128 printed no true peak for ${name}`);
  return log;
}

/** An astats filter whose report carries the number of samples that passed through it. */
export function sampleCounterFilter(name: string): string {
  return `astats@${name}`;
}

/** Reads the sample count `sampleCounterFilter(name)` printed (per channel, i.e. frames). */
export function parseSampleCount(stderr: string, name: string): number {
  const report = reportOf(stderr, `astats@${name}`).join('\n');
  const match = /Overall[\s\S]*?Number of samples:\s*(\d+)/.exec(report);
  if (!match) throw new NewscastError('internal', `astats printed no sample count for ${name}`);
  return Number(match[1]);
}

/**
 * The last report a named filter instance logged ("[ebur128@x @ 0x...] ...") with the unprefixed
 * continuation lines that follow it (ebur128's summary is multi-line). Only the last: ffmpeg
 * builds the graph once to probe formats and tears it down, which prints an empty summary first.
 */
function reportOf(stderr: string, instance: string): string[] {
  const prefix = `[${instance} @ `;
  let report: string[] = [];
  let inReport = false;
  for (const line of stderr.split('\n')) {
    if (line.startsWith(prefix)) {
      if (!inReport) report = [];
      inReport = true;
      report.push(line.slice(line.indexOf(']') + 1));
    } else if (line.startsWith('[') || /^\S/.test(line)) {
      inReport = false;
    } else if (inReport) {
      report.push(line);
    }
  }
  return report;
}

function numberAfter(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  if (!match?.[1]) return undefined;
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}
