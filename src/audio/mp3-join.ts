// Joins MP3 segments, each encoded by its own ffmpeg/LAME process, into one gapless MP3 without
// decoding: the segments' music frames are laid end to end behind one new Xing/Info frame.
//
// Why this is clean: LAME starts every stream with a fresh bit reservoir (the first frame's
// main_data_begin is 0), so no frame reaches back into the previous segment, and segments begin
// and end in digital silence, so the MDCT overlap across a seam adds silence to silence. The
// decoder trims only the first segment's encoder delay and the last segment's padding; each seam
// keeps the padding of the segment before it and the delay of the one after it as silence
// (1152-2303 samples at 44.1 kHz, 26-52 ms), which is why segments must start and end silent.
//
// Info frame layout (as ffmpeg's mp3 muxer writes it, after LAME's VbrTag.c; offsets from the
// "Xing"/"Info" tag): 4 flags, 8 frames, 12 bytes, 16 TOC (100), 116 VBR quality, then the LAME
// tag at 120: 9 encoder string, ..., 21 delay/padding (12 + 12 bits), 28 music length, 32 music
// CRC, 34 tag CRC.
import { NewscastError } from '../errors.js';
import { mp3Presets, type Mp3Preset } from './mp3-presets.js';

/** What joining needs to know of one MP3 stream, without holding its music. */
export interface Mp3Segment {
  /** The leading Xing/Info frame (a copy: small, and it must not keep the whole stream alive). */
  infoFrame: Uint8Array;
  /** Bytes of music frames after the Info frame. */
  musicLength: number;
  /** Where each music frame starts, counted from the first music byte. */
  frameOffsets: number[];
  sampleRate: number;
  channels: 1 | 2;
  /** Of every music frame: joining needs one constant bitrate. */
  bitrateKbps: number;
  /** 1152 for MPEG-1, 576 for MPEG-2 and 2.5. */
  samplesPerFrame: number;
  /** From the LAME tag: samples the encoder put before the input (the decoder adds its own 529). */
  encoderDelay: number;
  /** From the LAME tag: samples after the input that a gapless decoder drops (decoder delay included). */
  encoderPadding: number;
  /**
   * Samples a gapless decoder outputs: frames × samplesPerFrame − delay − padding. ffmpeg writes
   * the padding as the last packet's discard + 529, and a packet cannot discard more than itself,
   * so it records at most 1152 + 529 = 1681 where LAME padded up to 1727 (inputs 1-46 samples past
   * a multiple of 1152): such a stream decodes with up to 46 samples of its silent tail extra.
   */
  decodedSamples: number;
}

/** One MP3 stream as ffmpeg's mp3 muxer writes it to a seekable file: Info frame, then music. */
export interface Mp3Stream extends Mp3Segment {
  /** All music frames, back to back (a view into the input). */
  music: Uint8Array;
}

/**
 * The joined stream: the new Info frame, then every segment's music in order. The music is not
 * gathered here, so an hour of MP3 is never held whole: the writer streams each segment's music
 * and passes the CRC-16 of all of it (`crc16`, continued from segment to segment) to `infoFrame`.
 */
export interface Mp3Join {
  /**
   * Sample (at the stream's rate, counted as a gapless decoder outputs them) at which each
   * segment's first input sample plays.
   */
  segmentStarts: number[];
  /** Samples a gapless decoder outputs for the whole joined stream (see Mp3Segment.decodedSamples). */
  totalSamples: number;
  infoFrame(musicCrc: number): Uint8Array;
}

/** Parses segment `index` (0-based) of `count`, saying which one in any error. */
export function parseMp3Segment(bytes: Uint8Array, index: number, count: number): Mp3Stream {
  try {
    return parseMp3Stream(bytes);
  } catch (error) {
    throw new NewscastError('internal', `MP3 segment ${index + 1} of ${count}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/** Plans the join of segments; see the top of this file for why that is gapless. */
export function joinMp3Segments(streams: readonly Mp3Segment[]): Mp3Join {
  if (streams.length === 0) throw new NewscastError('internal', 'Cannot join zero MP3 segments');
  const first = streams[0]!;
  const last = streams[streams.length - 1]!;
  for (const [index, stream] of streams.entries()) {
    if (describe(stream) !== describe(first)) {
      throw new NewscastError('internal', `MP3 segment ${index + 1} is ${describe(stream)} but segment 1 is ${describe(first)}; segments must share one encoding`);
    }
  }

  // Every segment decodes to frames × samplesPerFrame samples, its input starting after its own
  // delay + 529; the decoder trims only the first segment's delay + 529 from the joined stream.
  // (ffmpeg's libmp3lame wrapper always records LAME's 576 here, so the delay terms cancel.)
  const spf = first.samplesPerFrame;
  const segmentStarts: number[] = [];
  const frameOffsets: number[] = [];
  let framesBefore = 0;
  let musicBytes = 0;
  for (const stream of streams) {
    segmentStarts.push(framesBefore * spf + stream.encoderDelay - first.encoderDelay);
    framesBefore += stream.frameOffsets.length;
    for (const offset of stream.frameOffsets) frameOffsets.push(musicBytes + offset);
    musicBytes += stream.musicLength;
  }
  return {
    segmentStarts,
    totalSamples: framesBefore * spf - first.encoderDelay - last.encoderPadding,
    infoFrame: (musicCrc) => {
      const frame = first.infoFrame.slice();
      writeInfoTag(frame, { frameOffsets, musicBytes, musicCrc, encoderDelay: first.encoderDelay, encoderPadding: last.encoderPadding });
      return frame;
    },
  };
}

/**
 * Frames ffmpeg's libmp3lame makes of `inputSamples` samples, so segment starts can be known
 * before encoding. LAME puts 576 samples of delay in front and pads the end to whole frames with
 * at least 576 samples (lame_encode_flush): the fewest frames with frames × 1152 ≥ 576 + input +
 * 576. Measured exact for the speech and stereo presets (tests); covers MPEG-1 rates (32-48 kHz,
 * 1152 samples per frame) only.
 */
export function mp3FrameCount(inputSamples: number, preset: Mp3Preset = mp3Presets.speech): number {
  if (!Number.isInteger(inputSamples) || inputSamples < 1) {
    throw new RangeError(`mp3FrameCount needs a positive whole number of samples, not ${inputSamples}`);
  }
  if (preset.sampleRate < 32000) throw new RangeError(`mp3FrameCount covers MPEG-1 sample rates only, not ${preset.sampleRate} Hz`);
  return Math.ceil(inputSamples / 1152) + 1;
}

/** Splits a stream into its Info frame and music frames and reads the LAME tag's delay and padding. */
export function parseMp3Stream(bytes: Uint8Array): Mp3Stream {
  const infoHeader = frameHeader(bytes, 0);
  const infoFrame = bytes.slice(0, infoHeader.length);
  if (infoFrame.length < infoHeader.length) throw new Error('the stream ends inside its first frame');
  const tag = readInfoTag(infoFrame, infoHeader);

  const music = bytes.subarray(infoHeader.length);
  if (music.length === 0) throw new Error('the stream has no audio frames (empty input?)');
  // The Info frame may have a higher bitrate than the music (ffmpeg picks one it fits in).
  const format = frameHeader(music, 0, infoHeader.length);
  if (format.sampleRate !== infoHeader.sampleRate || format.channels !== infoHeader.channels) {
    throw new Error(`the Info frame is ${describe(infoHeader)} but the music ${describe(format)}`);
  }
  const frameOffsets: number[] = [];
  for (let offset = 0; offset < music.length; ) {
    const header = frameHeader(music, offset, infoHeader.length);
    if (describe(header) !== describe(format)) {
      throw new Error(`the frame at byte ${infoHeader.length + offset} is ${describe(header)} but the first is ${describe(format)}`);
    }
    if (offset + header.length > music.length) throw new Error(`the last frame (at byte ${infoHeader.length + offset}) is cut short`);
    frameOffsets.push(offset);
    offset += header.length;
  }

  const decodedSamples = frameOffsets.length * format.samplesPerFrame - tag.encoderDelay - tag.encoderPadding;
  return {
    infoFrame,
    music,
    musicLength: music.length,
    frameOffsets,
    sampleRate: format.sampleRate,
    channels: format.channels,
    bitrateKbps: format.bitrateKbps,
    samplesPerFrame: format.samplesPerFrame,
    encoderDelay: tag.encoderDelay,
    encoderPadding: tag.encoderPadding,
    decodedSamples,
  };
}

interface FrameHeader {
  sampleRate: number;
  bitrateKbps: number;
  channels: 1 | 2;
  samplesPerFrame: number;
  /** Bytes of the whole frame, header included. */
  length: number;
  /** Where the Xing/Info tag would sit: after the header and the side information. */
  tagOffset: number;
}

const mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const mpeg1Rates = [44100, 48000, 32000];

/** Reads the Layer III frame header at `offset`; `base` only shifts the byte position in errors. */
function frameHeader(bytes: Uint8Array, offset: number, base = 0): FrameHeader {
  const at = `at byte ${base + offset}`;
  const [b0, b1, b2, b3] = [bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]];
  if (b0 === undefined || b1 === undefined || b2 === undefined || b3 === undefined) throw new Error(`the stream ends inside a frame header ${at}`);
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) throw new Error(`not an MP3 stream: no MPEG audio frame sync ${at}`);
  const version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  if (version === 1) throw new Error(`reserved MPEG version ${at}`);
  if (((b1 >> 1) & 3) !== 1) throw new Error(`not MPEG audio Layer III ${at}`);
  const bitrateIndex = b2 >> 4;
  if (bitrateIndex === 0) throw new Error(`free-format bitrate ${at} is not supported`);
  if (bitrateIndex === 15) throw new Error(`invalid bitrate index ${at}`);
  const rateIndex = (b2 >> 2) & 3;
  if (rateIndex === 3) throw new Error(`reserved sample rate index ${at}`);
  const mpeg1 = version === 3;
  const sampleRate = mpeg1Rates[rateIndex]! / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const bitrateKbps = (mpeg1 ? mpeg1Bitrates : mpeg2Bitrates)[bitrateIndex]!;
  const padding = (b2 >> 1) & 1;
  const mono = b3 >> 6 === 3;
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  return {
    sampleRate,
    bitrateKbps,
    channels: mono ? 1 : 2,
    samplesPerFrame,
    length: Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding,
    tagOffset: 4 + (mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17),
  };
}

function describe(format: { sampleRate: number; channels: 1 | 2; bitrateKbps: number }): string {
  return `${format.sampleRate} Hz ${format.channels === 1 ? 'mono' : 'stereo'} ${format.bitrateKbps} kb/s`;
}

const xingFlags = { frames: 1, bytes: 2, toc: 4, quality: 8 };

/** Positions in an Info frame; see the layout at the top of this file. */
interface InfoTag {
  /** Of the frame count; byte count and TOC follow. */
  frames: number;
  lame: number;
  encoderDelay: number;
  encoderPadding: number;
}

function readInfoTag(frame: Uint8Array, header: FrameHeader): InfoTag {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.length);
  const id = String.fromCharCode(...frame.subarray(header.tagOffset, header.tagOffset + 4));
  if (id !== 'Info' && id !== 'Xing') {
    throw new Error('the first frame is not a Xing/Info frame (was the segment written to a pipe instead of a seekable file?)');
  }
  const flags = view.getUint32(header.tagOffset + 4);
  const needed = xingFlags.frames | xingFlags.bytes | xingFlags.toc;
  if ((flags & needed) !== needed) throw new Error('the Info frame lacks its frame count, byte count or TOC');
  const frames = header.tagOffset + 8;
  const lame = frames + 4 + 4 + 100 + (flags & xingFlags.quality ? 4 : 0);
  // The LAME tag's fields up to its CRC must fit, and only LAME and ffmpeg ("Lavc"/"Lavf") write
  // delay and padding there (ffmpeg's mp3 demuxer trusts the same three).
  if (lame + 36 > frame.length || !/^(LAME|Lavc|Lavf)/.test(String.fromCharCode(...frame.subarray(lame, lame + 4)))) {
    throw new Error('the Info frame carries no LAME tag with encoder delay and padding');
  }
  const delayAndPadding = (view.getUint16(lame + 21) << 8) | view.getUint8(lame + 23);
  return { frames, lame, encoderDelay: delayAndPadding >> 12, encoderPadding: delayAndPadding & 0xfff };
}

/** Rewrites an Info frame (its header already in place) for the music that follows it. */
function writeInfoTag(
  frame: Uint8Array,
  music: { frameOffsets: number[]; musicBytes: number; musicCrc: number; encoderDelay: number; encoderPadding: number },
): void {
  const tag = readInfoTag(frame, frameHeader(frame, 0));
  const view = new DataView(frame.buffer, frame.byteOffset, frame.length);
  const frameCount = music.frameOffsets.length;
  // Xing's byte count and LAME's music length both include the Info frame itself.
  const streamBytes = frame.length + music.musicBytes;
  view.setUint32(tag.frames, frameCount);
  view.setUint32(tag.frames + 4, streamBytes);
  // TOC entry i: where the frame at i % of the duration starts, in 256ths of the music, as
  // LAME's Xing_seek_table (entry 0 is 0).
  for (let i = 0; i < 100; i++) {
    const offset = music.frameOffsets[Math.floor((i * frameCount) / 100)]!;
    frame[tag.frames + 8 + i] = Math.min(255, Math.floor((256 * offset) / music.musicBytes));
  }
  const delayAndPadding = (music.encoderDelay << 12) | music.encoderPadding;
  view.setUint16(tag.lame + 21, delayAndPadding >> 8);
  view.setUint8(tag.lame + 23, delayAndPadding & 0xff);
  view.setUint32(tag.lame + 28, streamBytes);
  view.setUint16(tag.lame + 32, music.musicCrc);
  // LAME's tag CRC covers every byte of the frame before it: 190 bytes for MPEG-1 stereo, 175 for
  // mono. (ffmpeg's muxer sums the first 190 bytes whatever the layout, so its mono tags fail the
  // check in its own demuxer, which then ignores the tag's encoder string and ReplayGain.)
  const crcAt = tag.lame + 34;
  view.setUint16(crcAt, crc16(frame.subarray(0, crcAt)));
}

/** CRC-16 as LAME and ffmpeg compute it for the LAME tag (polynomial 0x8005, reflected, start 0), continuing from `crc`. */
export function crc16(bytes: Uint8Array, crc = 0): number {
  // An indexed loop: for…of over a typed array is several times slower on an hour of MP3.
  for (let i = 0; i < bytes.length; i++) crc = (crc >>> 8) ^ crc16Table[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

const crc16Table = Uint16Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  return crc;
});
