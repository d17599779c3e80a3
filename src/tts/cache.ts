// A content-addressed store of synthesized runs, so re-rendering after an edit only speaks what
// changed. Each entry checks itself: a header with the sample rate, the sample count and a hash
// of the samples, so a truncated or damaged file is noticed, removed and spoken again.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../files.js';
import type { Pcm } from './engine.js';

/** What makes two runs sound the same. */
export interface SpeechKey {
  engine: string;
  engineVersion: string;
  voice: string;
  rate: number;
  text: string;
}

/** Bumped whenever the entry layout changes; old entries then simply stop being found. */
const formatFolder = 'speech-v1';
const magic = Buffer.from('NCSPEECH', 'ascii');
// magic (8) | sample rate u32 LE | sample count u32 LE | sha-256 of the sample bytes (32)
const headerBytes = 8 + 4 + 4 + 32;

export class SpeechCache {
  constructor(readonly folder: string) {}

  /** The entry name: a sha-256 over every part of the key, each part length-delimited by JSON. */
  static keyOf(key: SpeechKey): string {
    const parts = [key.engine, key.engineVersion, key.voice, key.rate, key.text];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  pathOf(key: SpeechKey): string {
    const hash = SpeechCache.keyOf(key);
    // Two-letter fan-out keeps folders small on file systems that slow down with many entries.
    return join(this.folder, formatFolder, hash.slice(0, 2), `${hash}.pcm`);
  }

  /** The stored speech, or undefined when there is none or it fails its checks (then it is removed). */
  async read(key: SpeechKey): Promise<Pcm | undefined> {
    const path = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return undefined;
    }
    const pcm = decodeEntry(bytes);
    if (!pcm) await rm(path, { force: true });
    return pcm;
  }

  /**
   * Stores speech under its key. Written to a temporary name and renamed, so readers never see a
   * half-written entry and concurrent writers of one key each rename a whole, identical file.
   * A cache that cannot be written (read-only disk, full disk) never fails the render.
   */
  async write(key: SpeechKey, pcm: Pcm): Promise<void> {
    const path = this.pathOf(key);
    try {
      await mkdir(join(path, '..'), { recursive: true });
      await writeAtomically(path, (temporaryPath) => writeFile(temporaryPath, encodeEntry(pcm)));
    } catch {
      // Best effort: the speech is still returned to the renderer.
    }
  }
}

function sampleBytes(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** Samples are stored as the platform's Int16Array bytes: little-endian on every supported platform. */
export function encodeEntry({ samples, sampleRate }: Pcm): Buffer {
  const body = sampleBytes(samples);
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt32LE(sampleRate, 8);
  header.writeUInt32LE(samples.length, 12);
  createHash('sha256').update(body).digest().copy(header, 16);
  return Buffer.concat([header, body]);
}

export function decodeEntry(bytes: Buffer): Pcm | undefined {
  if (bytes.length < headerBytes || !bytes.subarray(0, 8).equals(magic)) return undefined;
  const sampleRate = bytes.readUInt32LE(8);
  const count = bytes.readUInt32LE(12);
  if (sampleRate === 0 || bytes.length !== headerBytes + count * 2) return undefined;
  const body = bytes.subarray(headerBytes);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(16, headerBytes))) return undefined;
  // Read in place when the body is 2-byte aligned, as it is in a file read into a buffer of its
  // own; a body at an odd offset (a slice of a larger buffer) cannot be viewed as 16-bit samples.
  if (body.byteOffset % 2 === 0) return { samples: new Int16Array(body.buffer, body.byteOffset, count), sampleRate };
  const samples = new Int16Array(count);
  sampleBytes(samples).set(body);
  return { samples, sampleRate };
}
