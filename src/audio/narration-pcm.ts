// Random access to the narration WAV the render stage wrote (mono 16-bit), so assembly can take it
// a segment at a time: a two-hour narration never has to sit in memory whole.
import { open, type FileHandle } from 'node:fs/promises';
import { NewscastError } from '../errors.js';

export interface Silence {
  /** First silent sample. */
  start: number;
  /** One past the last: where sound starts again. */
  end: number;
}

/** Bytes read at a time when scanning the whole narration. */
const scanChunkBytes = 1 << 20;

export class NarrationPcm {
  private constructor(
    private readonly file: FileHandle,
    private readonly dataOffset: number,
    readonly sampleRate: number,
    /** Samples in the narration. */
    readonly length: number,
  ) {}

  static async open(path: string): Promise<NarrationPcm> {
    const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new NewscastError('internal', `Cannot read the narration ${path}: ${error.code ?? error.message}`, 'Render the script again.', { cause: error });
    });
    try {
      const { dataOffset, dataBytes, sampleRate } = await readHeader(file, path);
      return new NarrationPcm(file, dataOffset, sampleRate, Math.floor(dataBytes / 2));
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Samples [from, to). */
  async read(from: number, to: number): Promise<Int16Array> {
    const samples = new Int16Array(Math.max(0, to - from));
    const bytes = new Uint8Array(samples.buffer);
    const { bytesRead } = await this.file.read(bytes, 0, bytes.length, this.dataOffset + from * 2);
    if (bytesRead !== bytes.length) throw new NewscastError('internal', 'The narration WAV is shorter than its header says.');
    return samples;
  }

  /**
   * Stretches of digital silence at least `minSamples` long. The renderer writes every pause as
   * exact zeros, while speech, even its quietest tail, is never zero for that long.
   */
  async silences(minSamples: number): Promise<Silence[]> {
    const found: Silence[] = [];
    let runStart = -1;
    const chunkSamples = scanChunkBytes / 2;
    for (let from = 0; from < this.length; from += chunkSamples) {
      const chunk = await this.read(from, Math.min(this.length, from + chunkSamples));
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 0) {
          if (runStart < 0) runStart = from + i;
        } else if (runStart >= 0) {
          if (from + i - runStart >= minSamples) found.push({ start: runStart, end: from + i });
          runStart = -1;
        }
      }
    }
    if (runStart >= 0 && this.length - runStart >= minSamples) found.push({ start: runStart, end: this.length });
    return found;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

async function readHeader(file: FileHandle, path: string): Promise<{ dataOffset: number; dataBytes: number; sampleRate: number }> {
  const header = Buffer.alloc(4096);
  const { bytesRead } = await file.read(header, 0, header.length, 0);
  const bytes = header.subarray(0, bytesRead);
  const fail = (why: string) => new NewscastError('internal', `${path} is not a narration WAV: ${why}.`, 'Render the script again.');
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw fail('no RIFF/WAVE header');
  let sampleRate = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const format = bytes.readUInt16LE(offset + 8);
      const channels = bytes.readUInt16LE(offset + 10);
      const bits = bytes.readUInt16LE(offset + 22);
      if (format !== 1 || channels !== 1 || bits !== 16) throw fail(`format ${format}, ${channels} channels, ${bits} bits (mono 16-bit PCM expected)`);
      sampleRate = bytes.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      if (sampleRate === 0) throw fail('data before fmt');
      const fileBytes = (await file.stat()).size;
      return { dataOffset: offset + 8, dataBytes: Math.min(size, fileBytes - offset - 8), sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw fail('no data chunk');
}
