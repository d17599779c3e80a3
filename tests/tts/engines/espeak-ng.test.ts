import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { espeakPlainText } from '../../../src/tts/engines/espeak-program.js';
import { EspeakNgEngine, parseVoiceTable } from '../../../src/tts/engines/espeak-ng.js';
import { engineContract } from './engine-contract.js';

const engine = new EspeakNgEngine();
const available = await engine.isAvailable();

describe('espeak-ng engine', () => {
  engineContract(engine, available, { sampleRate: 22050, mustList: ['en-us', 'en-gb'] });

  test('keeps espeak-ng voices and leaves out mbrola voices and variants', () => {
    const table = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  en-us           --/M      us-mbrola-2        mb/mb-us2            (en 7)',
      ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)',
      ' 5  variant         --/M      Storm              !v/Storm             (en-us 5)',
      ' 5  en-gb-scotland  --/M      English_(Scotland) gmw/en-GB-scotland   (en 4)',
      ' 5  en-gb-x-rp      --/M      English_(Received_Pronunciation) gmw/en-GB-x-rp       (en-gb 4)(en 5)',
    ].join('\n');
    expect(parseVoiceTable(table)).toEqual([
      { name: 'en-gb', language: 'en-GB', sampleRate: 22050 },
      { name: 'en-us', language: 'en-US', sampleRate: 22050 },
      { name: 'en-gb-scotland', language: 'en-GB-scotland', sampleRate: 22050 },
      { name: 'en-gb-x-rp', language: 'en-GB-x-rp', sampleRate: 22050 },
    ]);
  });
});

/** What espeak-ng itself makes of a text: its phoneme mnemonics (`-x`), with nothing spoken aloud. */
function phonemes(text: string): string {
  return execFileSync('espeak-ng', ['-q', '-x', '-v', 'en-us'], { input: text }).toString('utf8').trim();
}

describe.runIf(available)("espeak-ng's own markup in article text is spoken as words", () => {
  test('"[[citation needed]]" says the words, not phoneme codes', () => {
    // The phonemes of the words "citation needed", as espeak-ng says them in a sentence.
    expect(phonemes('This is citation needed here.')).toMatch(/saIt'eIS@n n'i:dI.d/);
    expect(phonemes('This is [[citation needed]] here.')).not.toContain("saIt'eIS@n"); // the bug, live
    expect(phonemes(espeakPlainText('This is [[citation needed]] here.'))).toMatch(/saIt'eIS@n n'i:dI.d/);
  });

  test('a phoneme string in brackets is not pronounced as the word it encodes', async () => {
    const hello = await engine.speak('hello', { voice: 'en-us', rate: 1 });
    const codes = await engine.speak("[[h@l'oU]]", { voice: 'en-us', rate: 1 });
    expect(Buffer.from(codes.samples.buffer).equals(Buffer.from(hello.samples.buffer))).toBe(false);
    // Read out as letters and symbols, it takes longer than the one word.
    expect(codes.samples.length).toBeGreaterThan(hello.samples.length * 1.3);
  });

  test('control characters cannot carry embedded commands (\\x01 + "200S" would change the speed)', () => {
    expect(phonemes('hello \x01200S world')).not.toContain("t'u:h'VndrI2d"); // the bug, live
    expect(phonemes(espeakPlainText('hello \x01200S world'))).toContain("t'u:h'VndrI2d");
  });
});
