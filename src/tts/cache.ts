// A content-addressed store of synthesized runs, so re-rendering after an edit only speaks what
// changed. Entries check themselves (src/cache-store.ts): a truncated or damaged one is noticed,
// removed and spoken again.
import { CacheStore } from '../cache-store.js';
import type { Pcm } from './engine.js';

/** What makes two runs sound the same. */
export interface SpeechKey {
  engine: string;
  engineVersion: string;
  voice: string;
  rate: number;
  text: string;
}

// An entry's body: sample rate u32 LE | sample count u32 LE | the samples.
const bodyHeaderBytes = 8;

export class SpeechCache {
  private readonly store: CacheStore;

  constructor(readonly folder: string) {
    // v2: the entry layout of cache-store.ts; v1 entries are simply no longer found.
    this.store = new CacheStore(folder, 'speech-v2', 'NCSPEECH', '.pcm');
  }

  /** The entry name: a sha-256 over every part of the key. */
  static keyOf(key: SpeechKey): string {
    return CacheStore.keyOf(key.engine, key.engineVersion, key.voice, key.rate, key.text);
  }

  pathOf(key: SpeechKey): string {
    return this.store.pathOf(SpeechCache.keyOf(key));
  }

  /** The stored speech, or undefined when there is none or it fails its checks. */
  async read(key: SpeechKey): Promise<Pcm | undefined> {
    const body = await this.store.read(SpeechCache.keyOf(key));
    return body && decodeEntry(body);
  }

  /** Stores speech under its key; a cache that cannot be written never fails the render. */
  write(key: SpeechKey, pcm: Pcm): Promise<void> {
    return this.store.write(SpeechCache.keyOf(key), encodeEntry(pcm));
  }
}

function sampleBytes(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** Samples are stored as the platform's Int16Array bytes: little-endian on every supported platform. */
export function encodeEntry({ samples, sampleRate }: Pcm): Buffer {
  const header = Buffer.alloc(bodyHeaderBytes);
  header.writeUInt32LE(sampleRate, 0);
  header.writeUInt32LE(samples.length, 4);
  return Buffer.concat([header, sampleBytes(samples)]);
}

export function decodeEntry(body: Buffer): Pcm | undefined {
  if (body.length < bodyHeaderBytes) return undefined;
  const sampleRate = body.readUInt32LE(0);
  const count = body.readUInt32LE(4);
  if (sampleRate === 0 || body.length !== bodyHeaderBytes + count * 2) return undefined;
  const bytes = body.subarray(bodyHeaderBytes);
  // Read in place when the samples are 2-byte aligned, as they are in a file read into a buffer of
  // its own; samples at an odd offset (a slice of a larger buffer) cannot be viewed as 16-bit.
  if (bytes.byteOffset % 2 === 0) return { samples: new Int16Array(bytes.buffer, bytes.byteOffset, count), sampleRate };
  const samples = new Int16Array(count);
  sampleBytes(samples).set(bytes);
  return { samples, sampleRate };
}
