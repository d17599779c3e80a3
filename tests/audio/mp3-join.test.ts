// joinMp3Segments against real ffmpeg encodes and decodes: every claim about where samples land is
// checked on the decoded audio, and the Info frame is read back here without the module's parser.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { parseFile } from 'music-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc16 as continueCrc16, joinMp3Segments, mp3FrameCount, parseMp3Segment, parseMp3Stream } from '../../src/audio/mp3-join.js';

/** Joins whole segments in memory, as the assembly does one segment at a time. */
function joinInMemory(segments: Uint8Array[]) {
  const streams = segments.map((bytes, index) => parseMp3Segment(bytes, index, segments.length));
  const join = joinMp3Segments(streams);
  const crc = streams.reduce((sum, stream) => continueCrc16(stream.music, sum), 0);
  return { ...join, bytes: Buffer.concat([join.infoFrame(crc), ...streams.map((stream) => stream.music)]) };
}
import { mp3EncoderOptions, mp3Presets, type Mp3Preset } from '../../src/audio/mp3-presets.js';
import { probe } from '../e2e/audio-reader.js';

const run = promisify(execFile);
const rate = 44100;
/** LAME's encoder delay, which ffmpeg records in every segment's LAME tag. */
const lameDelay = 576;
/** The largest padding ffmpeg writes: one whole frame of end discard plus the decoder's 529. */
const ffmpegMaxPadding = 1152 + 529;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'newscast-mp3-join-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let fileCount = 0;
function tempPath(extension: string): string {
  return join(folder, `${++fileCount}.${extension}`);
}

/** Silence with single-sample clicks (+0.5, in every channel) at the given offsets. */
function clicks(length: number, at: number[], channels = 1): Float32Array {
  const samples = new Float32Array(length * channels);
  for (const offset of at) samples.fill(0.5, offset * channels, (offset + 1) * channels);
  return samples;
}

/** Encodes interleaved float samples the way an episode segment is encoded: to a seekable file. */
async function encode(samples: Float32Array, preset: Mp3Preset = mp3Presets.speech, inputRate = preset.sampleRate): Promise<Uint8Array> {
  const raw = tempPath('raw');
  const mp3 = tempPath('mp3');
  await writeFile(raw, samples);
  const input = ['-f', 'f32le', '-ar', String(inputRate), '-ac', String(preset.channels), '-i', raw];
  await run(ffmpeg.path, ['-v', 'error', '-nostdin', ...input, ...mp3EncoderOptions({ ...preset, sampleRate: inputRate }), mp3]);
  return new Uint8Array(await readFile(mp3));
}

/** Decodes as ffmpeg's demuxer does (gapless trimming from the LAME tag), mixed to mono. */
async function decode(path: string): Promise<{ samples: Float32Array; stderr: string }> {
  const { stdout, stderr } = await run(ffmpeg.path, ['-v', 'warning', '-nostdin', '-i', path, '-ac', '1', '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
  });
  const copy = new Uint8Array(stdout).slice();
  return { samples: new Float32Array(copy.buffer, 0, copy.length / 4), stderr: stderr.toString() };
}

/** Where the loudest sample within ±`radius` of `around` is. */
function peakNear(samples: Float32Array, around: number, radius = 300): { at: number; value: number } {
  let best = { at: -1, value: 0 };
  for (let i = Math.max(0, around - radius); i < Math.min(samples.length, around + radius); i++) {
    if (Math.abs(samples[i]!) > Math.abs(best.value)) best = { at: i, value: samples[i]! };
  }
  return best;
}

/** The loudest sample farther than `guard` from every click: what the seams add. */
function loudestAwayFrom(samples: Float32Array, clickAt: number[], guard: number): number {
  let loudest = 0;
  for (let i = 0; i < samples.length; i++) {
    if (clickAt.some((at) => Math.abs(i - at) <= guard)) continue;
    loudest = Math.max(loudest, Math.abs(samples[i]!));
  }
  return loudest;
}

/** CRC-16 as in LAME's VbrTag.c (polynomial 0xA001 reflected, start 0), bit by bit. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** The fields of an ffmpeg-written Info frame, at their fixed places for MPEG-1 Layer III. */
function infoFields(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const mono = bytes[3]! >> 6 === 3;
  const tag = 4 + (mono ? 17 : 32);
  const lame = tag + 120;
  const delayAndPadding = (view.getUint16(lame + 21) << 8) | bytes[lame + 23]!;
  const kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320][bytes[2]! >> 4]!;
  return {
    id: String.fromCharCode(...bytes.subarray(tag, tag + 4)),
    frameLength: Math.floor((144 * kbps * 1000) / rate) + ((bytes[2]! >> 1) & 1),
    frames: view.getUint32(tag + 8),
    bytes: view.getUint32(tag + 12),
    toc: [...bytes.subarray(tag + 16, tag + 116)],
    delay: delayAndPadding >> 12,
    padding: delayAndPadding & 0xfff,
    musicLength: view.getUint32(lame + 28),
    musicCrc: view.getUint16(lame + 32),
    tagCrc: view.getUint16(lame + 34),
    tagCrcOffset: lame + 34,
  };
}

/** Segments of speech-preset silence with clicks; lengths chosen to be unaligned to frames. */
const speechSegments = [
  { length: 30011, clicks: [0, 4000, 30010] },
  // 1152 × 40 + 10: a length whose padding ffmpeg cannot record (see the frame-count tests).
  { length: 46090, clicks: [1, 23456, 46000] },
  { length: 5003, clicks: [2500] },
  { length: 70001, clicks: [0, 69990] },
];

describe('joinMp3Segments on real ffmpeg encodes (speech preset)', () => {
  let joined: ReturnType<typeof joinInMemory>;
  let joinedBytes: Buffer;
  let segments: Uint8Array[];
  let path: string;
  let decoded: Awaited<ReturnType<typeof decode>>;

  beforeAll(async () => {
    segments = await Promise.all(speechSegments.map((segment) => encode(clicks(segment.length, segment.clicks))));
    joined = joinInMemory(segments);
    joinedBytes = joined.bytes;
    path = tempPath('mp3');
    await writeFile(path, joinedBytes);
    decoded = await decode(path);
  });

  it('puts segment i at 1152 × (frames of the segments before it), as the frame count predicts', () => {
    const frames = segments.map((segment) => infoFields(segment).frames);
    expect(frames).toEqual(speechSegments.map((segment) => mp3FrameCount(segment.length)));
    const predicted = frames.map((_, i) => 1152 * frames.slice(0, i).reduce((a, b) => a + b, 0));
    expect(joined.segmentStarts).toEqual(predicted);
  });

  it('decodes without complaint to exactly totalSamples', () => {
    expect(decoded.stderr).toBe('');
    expect(decoded.samples.length).toBe(joined.totalSamples);
    const last = infoFields(segments.at(-1)!);
    expect(joined.totalSamples).toBe(joined.segmentStarts.at(-1)! + last.frames * 1152 - lameDelay - last.padding);
  });

  it('plays every click at segmentStarts[i] + its offset, and nothing else audible', () => {
    const expected = speechSegments.flatMap((segment, i) => segment.clicks.map((offset) => joined.segmentStarts[i]! + offset));
    const found = expected.map((at) => peakNear(decoded.samples, at));
    for (const [index, at] of expected.entries()) {
      expect(found[index]!.value).toBeGreaterThan(0.2);
      expect(Math.abs(found[index]!.at - at), `click expected at ${at}, peak at ${found[index]!.at}`).toBeLessThanOrEqual(2);
    }
    // Seams add nothing: away from the clicks' pre-echo and ringing the stream stays silent.
    expect(loudestAwayFrom(decoded.samples, expected, 1200)).toBeLessThan(1e-5);
  });

  it('writes one Info frame whose counts, delay, padding and CRCs fit the joined stream', async () => {
    const info = infoFields(joinedBytes);
    const parts = segments.map(infoFields);
    expect(info.id).toBe('Info');
    expect(info.frames).toBe(parts.reduce((sum, part) => sum + part.frames, 0));
    expect(info.bytes).toBe(joinedBytes.length);
    expect(info.musicLength).toBe(joinedBytes.length);
    expect(info.delay).toBe(lameDelay);
    expect(info.padding).toBe(parts.at(-1)!.padding);
    expect(info.musicCrc).toBe(crc16(joinedBytes.subarray(info.frameLength)));
    // LAME sums every byte before the tag CRC: 175 bytes in a mono frame.
    expect(info.tagCrcOffset).toBe(175);
    expect(info.tagCrc).toBe(crc16(joinedBytes.subarray(0, info.tagCrcOffset)));
    // The music is the segments' music, unchanged, and no segment's Info frame is left in it.
    const music = joinedBytes.subarray(info.frameLength);
    expect(Buffer.from(music).equals(Buffer.concat(segments.map((segment) => segment.subarray(infoFields(segment).frameLength))))).toBe(true);
    expect(Buffer.from(music).includes('Info')).toBe(false);
    // ffmpeg's demuxer exports the tag's encoder string only when the tag CRC checks out. It does
    // for the joined file, but not for a mono segment from ffmpeg's own muxer, which sums 190 bytes.
    const encoderTag = async (file: string) =>
      ((await probe(file)) as unknown as { streams: Array<{ tags?: { encoder?: string } }> }).streams[0]!.tags?.encoder;
    expect(await encoderTag(path)).toMatch(/^Lav/);
    const segmentPath = tempPath('mp3');
    await writeFile(segmentPath, segments[0]!);
    expect(await encoderTag(segmentPath)).toBeUndefined();
    expect(parts[0]!.tagCrc).toBe(crc16(segments[0]!.slice(0, 190).fill(0, 175, 177)));
  });

  it('starts every segment without reaching back into the bit reservoir', () => {
    // main_data_begin, the first 9 bits after an MPEG-1 header without CRC: 0 means the frame's
    // data does not begin in an earlier frame, which at a seam would be the previous segment's.
    for (const segment of segments) {
      const music = segment.subarray(infoFields(segment).frameLength);
      expect((music[4]! << 1) | (music[5]! >> 7)).toBe(0);
    }
  });

  it('writes a linear TOC for the constant bitrate', () => {
    // Entry i: the start of the frame at i % of the duration, in 256ths of the music bytes.
    const { toc, frames } = infoFields(joinedBytes);
    expect(toc[0]).toBe(0);
    for (const [i, entry] of toc.entries()) expect(Math.abs(entry - (256 * Math.floor((i * frames) / 100)) / frames)).toBeLessThanOrEqual(1);
  });

  it('is read by music-metadata as frames × 1152 samples: it ignores the LAME delay and padding', async () => {
    // music-metadata 11 takes the duration from the Xing frame count alone (MpegParser
    // readXingInfoHeader: numFrames × samplesPerFrame / sampleRate) and never reads the LAME tag's
    // delay/padding, so it reports delay + padding (here 576 + last padding) more than decoders
    // play. It does the same for a file straight from ffmpeg, so this is its way, not the join's.
    const info = infoFields(joinedBytes);
    const { format } = await parseFile(path);
    expect(format.duration).toBeCloseTo((info.frames * 1152) / rate, 6);
    expect(format.duration! - joined.totalSamples / rate).toBeCloseTo((lameDelay + info.padding) / rate, 6);
    const single = tempPath('mp3');
    await writeFile(single, segments[0]!);
    expect((await parseFile(single)).format.duration).toBeCloseTo((infoFields(segments[0]!).frames * 1152) / rate, 6);
  });
});

describe('joinMp3Segments on real ffmpeg encodes (stereo preset)', () => {
  it('places clicks and counts samples the same way in joint stereo', async () => {
    const preset = mp3Presets.stereo;
    const parts = [
      { length: 20000, clicks: [0, 19999] },
      { length: 33333, clicks: [100, 30000] },
    ];
    const segments = await Promise.all(parts.map((part) => encode(clicks(part.length, part.clicks, 2), preset)));
    const joined = joinInMemory(segments);
    const joinedBytes = joined.bytes;
    expect(joined.segmentStarts).toEqual([0, 1152 * mp3FrameCount(20000, preset)]);
    const path = tempPath('mp3');
    await writeFile(path, joinedBytes);
    const { samples, stderr } = await decode(path);
    expect(stderr).toBe('');
    expect(samples.length).toBe(joined.totalSamples);
    expect(joined.totalSamples).toBe(joined.segmentStarts[1]! + 33333);
    for (const [i, part] of parts.entries()) {
      for (const offset of part.clicks) {
        expect(Math.abs(peakNear(samples, joined.segmentStarts[i]! + offset).at - (joined.segmentStarts[i]! + offset))).toBeLessThanOrEqual(2);
      }
    }
    expect(loudestAwayFrom(samples, parts.flatMap((part, i) => part.clicks.map((offset) => joined.segmentStarts[i]! + offset)), 1200)).toBeLessThan(1e-5);
    const info = infoFields(joinedBytes);
    // In a stereo frame the bytes before the tag CRC are the 190 the LAME tag description names.
    expect(info.tagCrcOffset).toBe(190);
    expect(info.tagCrc).toBe(crc16(joinedBytes.subarray(0, 190)));
  });
});

describe('mp3FrameCount', () => {
  // Fixed lengths around frame boundaries plus pseudo-random ones (a fixed LCG, so runs repeat).
  const lengths = [1, 2, 46, 47, 575, 576, 577, 1151, 1152, 1153, 2303, 2304, 2305, 44100, 100000];
  let seed = 12345;
  for (let i = 0; i < 25; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    lengths.push(1 + (seed % 400000));
  }

  for (const name of ['speech', 'stereo'] as const) {
    it(`predicts ffmpeg's frame count for the ${name} preset, and parseMp3Stream reads it back`, async () => {
      const preset = mp3Presets[name];
      const results = await Promise.all(
        lengths.map(async (length) => {
          const stream = parseMp3Stream(await encode(new Float32Array(length * preset.channels), preset));
          return { length, frames: stream.frameOffsets.length, delay: stream.encoderDelay, decoded: stream.decodedSamples };
        }),
      );
      for (const { length, frames, delay, decoded } of results) {
        expect({ length, frames }).toEqual({ length, frames: mp3FrameCount(length, preset) });
        expect(delay).toBe(lameDelay);
        // LAME pads with 576-1727 samples, but ffmpeg records at most 1681 (see
        // Mp3Stream.decodedSamples): lengths 1-46 past a multiple of 1152 decode a little longer.
        const lamePadding = frames * 1152 - lameDelay - length;
        expect({ length, decoded }).toEqual({ length, decoded: length + Math.max(0, lamePadding - ffmpegMaxPadding) });
      }
    });
  }

  it('decodes the up to 46 extra samples where ffmpeg could not record the padding', async () => {
    const path = tempPath('mp3');
    await writeFile(path, await encode(clicks(1153, [1152])));
    const { samples } = await decode(path);
    expect(samples.length).toBe(1153 + 46);
    expect(peakNear(samples, 1152).at).toBe(1152);
  });

  it('refuses lengths it does not cover', () => {
    expect(() => mp3FrameCount(0)).toThrow(/positive whole number/);
    expect(() => mp3FrameCount(1.5)).toThrow(/positive whole number/);
    expect(() => mp3FrameCount(1000, { channels: 1, bitrateKbps: 32, sampleRate: 22050 })).toThrow(/MPEG-1/);
  });
});

describe('joinMp3Segments refuses what it cannot join', () => {
  let speech: Uint8Array;
  beforeAll(async () => {
    speech = await encode(clicks(5000, [100]));
  });

  it('refuses no segments, an empty one, random bytes and a WAV file', async () => {
    expect(() => joinInMemory([])).toThrow(/zero MP3 segments/);
    expect(() => joinInMemory([speech, new Uint8Array(0)])).toThrow(/segment 2 of 2: the stream ends inside a frame header at byte 0/);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(() => joinInMemory([random])).toThrow(/segment 1 of 1: not an MP3 stream: no MPEG audio frame sync at byte 0/);
    const wavPath = tempPath('wav');
    await run(ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono', '-t', '0.1', wavPath]);
    const wav = new Uint8Array(await readFile(wavPath));
    expect(() => joinInMemory([speech, wav])).toThrow(/segment 2 of 2: not an MP3 stream: no MPEG audio frame sync at byte 0/);
  });

  it('refuses a stream with junk after its frames or a frame cut short', () => {
    const junk = new Uint8Array([...speech, 1, 2, 3, 4]);
    expect(() => joinInMemory([junk])).toThrow(new RegExp(`no MPEG audio frame sync at byte ${speech.length}`));
    expect(() => joinInMemory([speech.subarray(0, speech.length - 10)])).toThrow(/cut short/);
  });

  it('refuses free-format frames', () => {
    const freeFormat = speech.slice();
    const second = infoFields(speech).frameLength;
    freeFormat[second + 2] = freeFormat[second + 2]! & 0x0f;
    expect(() => joinInMemory([freeFormat])).toThrow(/free-format bitrate at byte \d+ is not supported/);
  });

  it('refuses a stream without an Info frame, as ffmpeg writes to a pipe', async () => {
    const raw = tempPath('raw');
    await writeFile(raw, clicks(5000, [100]));
    const { stdout } = await run(
      ffmpeg.path,
      ['-v', 'error', '-f', 'f32le', '-ar', '44100', '-ac', '1', '-i', raw, ...mp3EncoderOptions(mp3Presets.speech), '-'],
      { encoding: 'buffer' },
    );
    expect(() => joinInMemory([new Uint8Array(stdout)])).toThrow(/not a Xing\/Info frame/);
  });

  it('refuses a segment without audio frames (an empty input)', async () => {
    const empty = await encode(new Float32Array(0));
    expect(() => joinInMemory([empty])).toThrow(/no audio frames/);
  });

  it('refuses segments of different sample rates, channel modes or bitrates', async () => {
    const at48k = await encode(clicks(5000, [100]), mp3Presets.speech, 48000);
    expect(() => joinInMemory([speech, at48k])).toThrow(/segment 2 is 48000 Hz mono 64 kb\/s but segment 1 is 44100 Hz mono 64 kb\/s/);
    const stereo = await encode(clicks(5000, [100], 2), { ...mp3Presets.speech, channels: 2 });
    expect(() => joinInMemory([speech, stereo])).toThrow(/segment 2 is 44100 Hz stereo 64 kb\/s/);
    const standard = await encode(clicks(5000, [100]), mp3Presets.standard);
    expect(() => joinInMemory([speech, standard])).toThrow(/segment 2 is 44100 Hz mono 96 kb\/s/);
  });
});
