import { open, type FileHandle } from 'node:fs/promises';
import { NewscastError } from '../errors.js';
import type { Pcm } from './engine.js';

/** Reads a mono or multi-channel 16-bit PCM WAV; multi-channel audio is mixed to mono. */
export function parseWav(bytes: Buffer): Pcm {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new NewscastError('internal', 'The engine did not produce a WAV file.');
  }
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
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bitsPerSample = bytes.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bitsPerSample !== 16 || sampleRate === 0) {
        throw new NewscastError('internal', `Unsupported WAV format: ${bitsPerSample}-bit at ${sampleRate} Hz.`);
      }
      const frames = Math.floor(size / 2 / channels);
      const samples = new Int16Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        let sum = 0;
        for (let channel = 0; channel < channels; channel++) sum += bytes.readInt16LE(body + (frame * channels + channel) * 2);
        samples[frame] = Math.round(sum / channels);
      }
      return { samples, sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new NewscastError('internal', 'The WAV file has no audio data.');
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
