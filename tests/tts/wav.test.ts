import { describe, expect, test } from 'vitest';
import { parseWav } from '../../src/tts/wav.js';

/** A WAV with one fmt chunk (format tag, channels, rate, bits) and the given data bytes. */
function wav(format: number, channels: number, sampleRate: number, bits: number, data: Buffer, dataSize = data.length): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(format, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(sampleRate, 4);
  fmt.writeUInt32LE((sampleRate * channels * bits) / 8, 8);
  fmt.writeUInt16LE((channels * bits) / 8, 12);
  fmt.writeUInt16LE(bits, 14);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 8 + 16 + 8 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  const chunk = (id: string, size: number) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'ascii');
    head.writeUInt32LE(size, 4);
    return head;
  };
  return Buffer.concat([header, chunk('fmt ', 16), fmt, chunk('data', dataSize), data]);
}

describe('parseWav', () => {
  test('16-bit stereo is mixed to mono', () => {
    const data = Buffer.alloc(8);
    [1000, 3000, -2000, -4000].forEach((value, index) => data.writeInt16LE(value, index * 2));
    expect(parseWav(wav(1, 2, 22050, 16, data))).toEqual({ samples: Int16Array.from([2000, -3000]), sampleRate: 22050 });
  });

  test('32-bit float (as macOS say writes) is scaled to 16 bits and clipped', () => {
    const data = Buffer.alloc(12);
    [0.5, -1, 2].forEach((value, index) => data.writeFloatLE(value, index * 4));
    expect(parseWav(wav(3, 1, 32000, 32, data))).toEqual({ samples: Int16Array.from([16384, -32767, 32767]), sampleRate: 32000 });
  });

  test('a streamed WAV whose data size was left at 0 reads to the end of the file', () => {
    const data = Buffer.alloc(6);
    [1, 2, 3].forEach((value, index) => data.writeInt16LE(value, index * 2));
    expect(parseWav(wav(1, 1, 16000, 16, data, 0)).samples).toEqual(Int16Array.from([1, 2, 3]));
  });

  test('16-bit mono is read as is, from a buffer at an odd offset, without a trailing odd byte', () => {
    const data = Buffer.alloc(7);
    [-32768, 32767, -1].forEach((value, index) => data.writeInt16LE(value, index * 2));
    const file = wav(1, 1, 16000, 16, data);
    // A slice one byte into a larger buffer: an Int16Array cannot view it in place.
    const unaligned = Buffer.concat([Buffer.alloc(1), file]).subarray(1);
    expect(parseWav(unaligned)).toEqual({ samples: Int16Array.from([-32768, 32767, -1]), sampleRate: 16000 });
  });

  test('formats it cannot read are an error, not noise', () => {
    expect(() => parseWav(wav(1, 1, 16000, 24, Buffer.alloc(6)))).toThrow(/Unsupported WAV format: PCM 24-bit/);
    expect(() => parseWav(Buffer.from('not a wav at all'))).toThrow(/did not produce a WAV/);
  });
});
