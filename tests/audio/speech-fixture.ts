// Test fixtures for the audio stage: real synthetic speech from the embedded flite (WASI), turned
// into a Narration the way the render stage would hand it over (mono 16-bit WAV + chapter times).
import { FliteWasmEngine } from '../../src/tts/engines/flite-wasm.js';
import type { Narration, TimedChapter } from '../../src/tts/narration.js';
import { WavWriter } from '../../src/tts/wav.js';

const flite = new FliteWasmEngine();

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
  const chapters: TimedChapter[] = [];
  const wav = await WavWriter.create(wavPath, sampleRate);
  for (const [index, section] of sections.entries()) {
    if (index > 0) await wav.writeSilence(0.8 * sampleRate);
    chapters.push({ title: section.title, start: wav.length / sampleRate });
    for (const [p, paragraph] of section.paragraphs.entries()) {
      if (p > 0) await wav.writeSilence(0.5 * sampleRate);
      const { samples } = await flite.speak(paragraph, { voice: 'kal16', rate: 1 });
      await wav.write(samples.map((sample) => Math.max(-32768, Math.min(32767, Math.round(sample * gain)))));
    }
  }
  const length = wav.length;
  await wav.close();
  return {
    wavPath,
    sampleRate,
    durationSeconds: length / sampleRate,
    marks: chapters.map((c, i) => ({ name: `chapter-${i + 1}`, time: c.start })),
    chapters,
    sentences: [],
    engine: 'flite-wasm',
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
