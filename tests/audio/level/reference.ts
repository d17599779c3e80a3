// Test material for the in-memory levelling: real synthetic speech, and ffmpeg's ebur128 as the
// independent meter (through its own process and its own WAV reading, nothing of ours).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { EspeakNgEngine } from '../../../src/tts/engines/espeak-ng.js';
import { FliteWasmEngine } from '../../../src/tts/engines/flite-wasm.js';

const run = promisify(execFile);
const flite = new FliteWasmEngine();
const espeak = new EspeakNgEngine();

export const workDir = mkdtempSync(join(tmpdir(), 'newscast-level-'));

export const paragraphs = [
  'City council approved a new budget on Tuesday, after a debate that lasted well into the night.',
  'The plan adds money for buses, libraries and road repairs, and it keeps bus fares the same for another year.',
  'Three new routes open in the spring. Libraries will open on Sundays again, the mayor said.',
  'A public hearing is planned for March, and the budget takes effect in July.',
];

export function toFloat(samples: Int16Array): Float32Array {
  return Float32Array.from(samples, (sample) => sample / 32768);
}

/** flite's kal16 voice (16 kHz), its paragraphs joined by `gapSeconds` of digital silence. */
export async function fliteSpeech(texts: readonly string[] = paragraphs, gapSeconds = 0.5): Promise<Float32Array> {
  return joinWithSilence(await Promise.all(texts.map(async (text) => (await flite.speak(text, { voice: 'kal16', rate: 1 })).samples)), 16000, gapSeconds);
}

export const espeakAvailable = await espeak.isAvailable();

/** espeak-ng's en-us voice, at its own 22050 Hz. */
export async function espeakSpeech(texts: readonly string[] = paragraphs): Promise<Float32Array> {
  const parts = [];
  for (const text of texts) parts.push((await espeak.speak(text, { voice: 'en-us', rate: 1 })).samples);
  return joinWithSilence(parts, 22050, 0.5);
}

function joinWithSilence(parts: Int16Array[], sampleRate: number, gapSeconds: number): Float32Array {
  const gap = Math.round(gapSeconds * sampleRate);
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0) + gap * (parts.length - 1));
  let at = 0;
  for (const part of parts) {
    out.set(toFloat(part), at);
    at += part.length + gap;
  }
  return out;
}

let fileCount = 0;

/** A mono WAV file of `body`: format 1 is integer PCM, 3 is IEEE float. */
function writeWav(body: Uint8Array, sampleRate: number, format: 1 | 3, bytesPerSample: number, name: string): string {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + body.byteLength, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(8 * bytesPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(body.byteLength, 40);
  const path = join(workDir, name);
  writeFileSync(path, Buffer.concat([header, body]));
  return path;
}

/** A mono 32-bit float WAV, so ffmpeg reads exactly the samples we hold. */
export function writeFloatWav(samples: Float32Array, sampleRate: number, name = `clip-${fileCount++}.wav`): string {
  return writeWav(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), sampleRate, 3, 4, name);
}

async function ffmpegRun(args: string[]): Promise<string> {
  const { stderr } = await run(ffmpeg.path, ['-hide_banner', '-nostats', ...args], { maxBuffer: 256 * 1024 * 1024 });
  return stderr;
}

/** `samples` resampled by ffmpeg (SoX's resampler, as good as ffmpeg has). */
export async function resampled(samples: Float32Array, from: number, to: number): Promise<Float32Array> {
  const input = writeFloatWav(samples, from);
  const output = join(workDir, `resampled-${fileCount++}.f32`);
  await ffmpegRun(['-i', input, '-af', `aresample=${to}:resampler=soxr:precision=28`, '-f', 'f32le', '-acodec', 'pcm_f32le', output]);
  const bytes = readFileSync(output);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export interface FfmpegReading {
  /** LUFS, to 0.001 (ebur128's metadata, not its one-decimal summary). */
  integrated: number;
  /** dBTP: ebur128 oversamples to 192 kHz (after its own resampling to 48 kHz). */
  truePeak: number;
}

/**
 * ffmpeg's ebur128 reading of a file, after `filters` (e.g. an aresample). The metadata carries
 * three decimals (true peak linear), the summary one; the summary's peak also counts the last
 * < 100 ms, which the metadata misses, so it wins when it is clearly higher.
 */
export async function ffmpegLoudness(path: string, filters: string[] = []): Promise<FfmpegReading> {
  const stderr = await ffmpegRun([
    '-i', path,
    '-af', [...filters, 'ebur128=peak=true:metadata=1', 'ametadata=mode=print:key=lavfi.r128.I', 'ametadata=mode=print:key=lavfi.r128.true_peaks_ch0'].join(','),
    '-f', 'null', '-',
  ]);
  const last = (pattern: RegExp): number => {
    const values = [...stderr.matchAll(pattern)].map((match) => Number(match[1]));
    if (values.length === 0) throw new Error(`ffmpeg printed nothing for ${pattern}:\n${stderr.slice(-2000)}`);
    return values.at(-1)!;
  };
  const integrated = last(/lavfi\.r128\.I=(-?[\d.]+)/g);
  const metadataPeak = 20 * Math.log10(last(/lavfi\.r128\.true_peaks_ch0=([\d.]+)/g));
  const summaryPeak = last(/Peak:\s+(-?[\d.]+|-inf) dBFS/g);
  return { integrated, truePeak: summaryPeak > metadataPeak + 0.05 ? summaryPeak : metadataPeak };
}

/** A float WAV measured by ffmpeg. */
export function ffmpegLoudnessOf(samples: Float32Array, sampleRate: number, filters: string[] = []): Promise<FfmpegReading> {
  return ffmpegLoudness(writeFloatWav(samples, sampleRate), filters);
}

/** The samples as a 16-bit WAV, as the render stage writes narration. */
export function write16BitWav(samples: Float32Array, sampleRate: number): string {
  const pcm = Int16Array.from(samples, (value) => Math.max(-32768, Math.min(32767, Math.round(value * 32768))));
  return writeWav(new Uint8Array(pcm.buffer), sampleRate, 1, 2, `clip-${fileCount++}.wav`);
}

/** Encodes a file to MP3 with ffmpeg's options; returns the MP3's path. */
export async function encodeMp3(path: string, options: string[]): Promise<string> {
  const output = join(workDir, `encoded-${fileCount++}.mp3`);
  await ffmpegRun(['-i', path, ...options, output]);
  return output;
}

/** A sine, with 50 ms raised-cosine fades so no edge rings in anyone's interpolator. */
export function sine(sampleRate: number, frequency: number, amplitude: number, seconds: number, phase = 0): Float32Array {
  const length = Math.round(seconds * sampleRate);
  const fade = Math.round(0.05 * sampleRate);
  return Float32Array.from({ length }, (_, n) => {
    const edge = Math.min(1, n / fade, (length - 1 - n) / fade);
    const envelope = 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, edge));
    return amplitude * envelope * Math.sin(2 * Math.PI * (frequency / sampleRate) * n + phase);
  });
}

export const dB = (linear: number): number => 20 * Math.log10(linear);
