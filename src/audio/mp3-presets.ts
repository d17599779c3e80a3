// MP3 encodings newscast can produce. 'speech' is the default; the others are here so an issue
// adding presets only has to extend this table and pass a name through.

export interface Mp3Preset {
  channels: 1 | 2;
  /** Constant bitrate, kb/s. */
  bitrateKbps: number;
  /** The whole episode is mixed at this rate. */
  sampleRate: number;
}

export const mp3Presets = {
  speech: { channels: 1, bitrateKbps: 64, sampleRate: 44100 },
  standard: { channels: 1, bitrateKbps: 96, sampleRate: 44100 },
  stereo: { channels: 2, bitrateKbps: 128, sampleRate: 44100 },
} as const satisfies Record<string, Mp3Preset>;

export type Mp3PresetName = keyof typeof mp3Presets;

/** ffmpeg output options for a constant-bitrate LAME encode without any ID3 tag (we write our own). */
export function mp3EncoderOptions(preset: Mp3Preset): string[] {
  return [
    '-c:a', 'libmp3lame',
    '-b:a', `${preset.bitrateKbps}k`,
    '-ac', String(preset.channels),
    '-ar', String(preset.sampleRate),
    // LAME's fast mode (-q 7): the encode is most of the assembly time and this halves it. On
    // flite speech at 64 kb/s it measured the same loudness and a higher waveform SNR (25.4 dB
    // against 23.5 dB at LAME's default), as speech from these engines has little above 8 kHz.
    '-compression_level', '7',
    // No ID3v2/ID3v1 from ffmpeg: the tag is built whole by id3-tag.ts and put in front.
    '-id3v2_version', '0',
    '-write_id3v1', '0',
    '-f', 'mp3',
  ];
}
