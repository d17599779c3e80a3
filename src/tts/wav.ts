import { open, type FileHandle } from 'node:fs/promises';
import { NewscastError } from '../errors.js';
import type { Pcm } from './engine.js';

const pcmFormat = 1;
const floatFormat = 3;
const extensibleFormat = 0xfffe;

/**
 * Reads a 16-bit PCM WAV, or a 32-bit float one (macOS `say --data-format=LEF32@32000` writes
 * those); multi-channel audio is mixed to mono.
 */
export function parseWav(bytes: Buffer): Pcm {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new NewscastError('internal', 'The engine did not produce a WAV file.');
  }
  let format = pcmFormat;
  let channels = 1;
  let sampleRate = 0;
  let bitsPerSample = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', offset, offset + 4);
    // Engines that stream (flite on stdout, espeak-ng) leave the data size as 0 or 0xFFFFFFFF.
    const declared = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    const size = declared === 0 || body + declared > bytes.length ? bytes.length - body : declared;
    if (id === 'fmt ') {
      format = bytes.readUInt16LE(body);
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bitsPerSample = bytes.readUInt16LE(body + 14);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (format === extensibleFormat && size >= 26) format = bytes.readUInt16LE(body + 24);
    } else if (id === 'data') {
      const read = sampleReader(bytes, format, bitsPerSample);
      if (!read || sampleRate === 0) {
        throw new NewscastError('internal', `Unsupported WAV format: ${format === floatFormat ? 'float' : 'PCM'} ${bitsPerSample}-bit at ${sampleRate} Hz.`);
      }
      const frames = Math.floor(size / (bitsPerSample / 8) / channels);
      const samples = new Int16Array(frames);
      if (format === pcmFormat && bitsPerSample === 16 && channels === 1) {
        // What every engine on Linux writes: the bytes are the samples (little-endian, as on every
        // supported platform), copied at once; the loop below took milliseconds per run.
        new Uint8Array(samples.buffer).set(bytes.subarray(body, body + frames * 2));
        return { samples, sampleRate };
      }
      for (let frame = 0; frame < frames; frame++) {
        let sum = 0;
        for (let channel = 0; channel < channels; channel++) sum += read(body + ((frame * channels + channel) * bitsPerSample) / 8);
        samples[frame] = Math.max(-32768, Math.min(32767, Math.round(sum / channels)));
      }
      return { samples, sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new NewscastError('internal', 'The WAV file has no audio data.');
}

/** Reads one sample at a byte offset, on the 16-bit scale; undefined for formats we do not read. */
function sampleReader(bytes: Buffer, format: number, bitsPerSample: number): ((at: number) => number) | undefined {
  if (format === pcmFormat && bitsPerSample === 16) return (at) => bytes.readInt16LE(at);
  if (format === floatFormat && bitsPerSample === 32) {
    return (at) => {
      const value = bytes.readFloatLE(at) * 32767;
      return Number.isNaN(value) ? 0 : value;
    };
  }
  return undefined;
}

function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Appends mono 16-bit samples to a WAV file as they come, so long narrations never sit in memory. */
export class WavWriter {
  private samplesWritten = 0;

  private constructor(
    private readonly file: FileHandle,
    readonly sampleRate: number,
  ) {}

  static async create(path: string, sampleRate: number): Promise<WavWriter> {
    const file = await open(path, 'w');
    await file.write(wavHeader(sampleRate, 0));
    return new WavWriter(file, sampleRate);
  }

  /** Samples written so far: the clock that times every mark. */
  get length(): number {
    return this.samplesWritten;
  }

  async write(samples: Int16Array): Promise<void> {
    if (samples.length === 0) return;
    await this.file.write(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    this.samplesWritten += samples.length;
  }

  async writeSilence(sampleCount: number): Promise<void> {
    await this.write(new Int16Array(sampleCount));
  }

  async close(): Promise<void> {
    await this.file.write(wavHeader(this.sampleRate, this.samplesWritten * 2), 0, 44, 0);
    await this.file.close();
  }
}
