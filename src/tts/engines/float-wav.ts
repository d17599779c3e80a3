import { NewscastError } from '../../errors.js';
import type { Pcm } from '../engine.js';
import { parseWav } from '../wav.js';

const pcmFormat = 1;
const floatFormat = 3;
const extensibleFormat = 0xfffe;

/**
 * Reads a WAV that may hold 32-bit float samples, as macOS `say --data-format=LEF32@32000` (what the
 * say package asks for) writes; 16-bit PCM files go to parseWav. Channels are mixed to mono.
 */
export function parseWavAllowingFloat(bytes: Buffer): Pcm {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF') return parseWav(bytes);
  let format = pcmFormat;
  let channels = 1;
  let sampleRate = 0;
  let bitsPerSample = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const body = offset + 8;
    const declared = bytes.readUInt32LE(offset + 4);
    const size = declared === 0 || body + declared > bytes.length ? bytes.length - body : declared;
    if (id === 'fmt ') {
      format = bytes.readUInt16LE(body);
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bitsPerSample = bytes.readUInt16LE(body + 14);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (format === extensibleFormat && size >= 26) format = bytes.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (format !== floatFormat) break;
      if (bitsPerSample !== 32 || sampleRate === 0) {
        throw new NewscastError('internal', `Unsupported float WAV: ${bitsPerSample}-bit at ${sampleRate} Hz.`);
      }
      return { samples: floatToInt16(bytes, body, Math.floor(size / 4 / channels), channels), sampleRate };
    }
    offset = body + size + (size % 2);
  }
  return parseWav(bytes);
}

function floatToInt16(bytes: Buffer, start: number, frames: number, channels: number): Int16Array {
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) sum += bytes.readFloatLE(start + (frame * channels + channel) * 4);
    const value = Math.round((sum / channels) * 32767);
    samples[frame] = Math.max(-32768, Math.min(32767, Number.isNaN(value) ? 0 : value));
  }
  return samples;
}
