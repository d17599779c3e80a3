// Text to Kokoro-82M token ids, the way kokoro-js 1.2.1 makes them: espeak-ng IPA for the words,
// punctuation kept as itself, kokoro-js's fixes to espeak's IPA, each symbol through Kokoro's
// vocabulary (kokoro-onnx's vocab.json, MIT), at most 510 tokens per model run.
import { espeakInstall as install, espeakPlainText } from './espeak-program.js';
import { runProgram } from './program.js';

/** Kokoro's vocabulary: IPA symbol (or punctuation) → token id; 0 pads each run. */
const vocab: Record<string, number> = {
  ';': 1, ':': 2, ',': 3, '.': 4, '!': 5, '?': 6, '—': 9, '…': 10, '"': 11, '(': 12, ')': 13, '“': 14, '”': 15, ' ': 16, '\u0303': 17, 'ʣ': 18, 'ʥ': 19, 'ʦ': 20,
  'ʨ': 21, 'ᵝ': 22, 'ꭧ': 23, A: 24, I: 25, O: 31, Q: 33, S: 35, T: 36, W: 39, Y: 41, 'ᵊ': 42, a: 43, b: 44, c: 45, d: 46, e: 47, f: 48, h: 50, i: 51, j: 52,
  k: 53, l: 54, m: 55, n: 56, o: 57, p: 58, q: 59, r: 60, s: 61, t: 62, u: 63, v: 64, w: 65, x: 66, y: 67, z: 68, 'ɑ': 69, 'ɐ': 70, 'ɒ': 71, 'æ': 72,
  'β': 75, 'ɔ': 76, 'ɕ': 77, 'ç': 78, 'ɖ': 80, 'ð': 81, 'ʤ': 82, 'ə': 83, 'ɚ': 85, 'ɛ': 86, 'ɜ': 87, 'ɟ': 90, 'ɡ': 92, 'ɥ': 99, 'ɨ': 101, 'ɪ': 102, 'ʝ': 103,
  'ɯ': 110, 'ɰ': 111, 'ŋ': 112, 'ɳ': 113, 'ɲ': 114, 'ɴ': 115, 'ø': 116, 'ɸ': 118, 'θ': 119, 'œ': 120, 'ɹ': 123, 'ɾ': 125, 'ɻ': 126, 'ʁ': 128, 'ɽ': 129,
  'ʂ': 130, 'ʃ': 131, 'ʈ': 132, 'ʧ': 133, 'ʊ': 135, 'ʋ': 136, 'ʌ': 138, 'ɣ': 139, 'ɤ': 140, 'χ': 142, 'ʎ': 143, 'ʒ': 147, 'ʔ': 148, 'ˈ': 156, 'ˌ': 157,
  'ː': 158, 'ʰ': 162, 'ʲ': 164, '↓': 169, '→': 171, '↗': 172, '↘': 173, 'ᵻ': 177,
};

/** The model's context is 512 tokens, two of them the pads around a run. */
export const maxTokens = 510;

/** Runs of punctuation (with the spaces around them) that kokoro-js keeps as text, not phonemes. */
const punctuation = /(\s*[;:,.!?¡¿—…"«»“”(){}[\]]+\s*)+/g;

/** kokoro-js's text clean-up that matters after newscast's own normalization: quotes and brackets. */
function cleanText(text: string): string {
  return espeakPlainText(text.normalize('NFC'))
    .replace(/[‘’]/g, "'")
    .replace(/«/g, '“')
    .replace(/»/g, '”')
    .replace(/[“”]/g, '"')
    .replace(/\(/g, '«')
    .replace(/\)/g, '»')
    .replace(/\s+/g, ' ')
    .trim();
}

/** espeak-ng's IPA for each piece of text (one line each, on stdin; asked one by one if espeak splits one). */
async function ipa(pieces: string[], voice: string): Promise<string[]> {
  if (pieces.length === 0) return [];
  const ask = async (lines: string[]): Promise<string[]> => {
    const { stdout } = await runProgram('espeak-ng', ['-q', '--ipa', '-b', '1', '-v', voice], { input: `${lines.join('\n')}\n`, install });
    return stdout.toString('utf8').replace(/\n$/, '').split('\n');
  };
  const lines = await ask(pieces);
  if (lines.length === pieces.length) return lines.map((line) => line.trim());
  return Promise.all(pieces.map(async (piece) => (await ask([piece])).map((line) => line.trim()).join(' ')));
}

/** kokoro-js's corrections of espeak-ng's IPA for Kokoro (which was trained on misaki's phonemes). */
function fixIpa(phonemes: string, american: boolean): string {
  let fixed = phonemes
    .replace(/\([a-z-]+\)/g, '')
    .replace(/ʲ/g, 'j')
    .replace(/r/g, 'ɹ')
    .replace(/x/g, 'k')
    .replace(/ɬ/g, 'l')
    .replace(/(?<=[a-zɹː])(?=hˈʌndɹɪd)/g, ' ')
    .replace(/ z(?=[;:,.!?¡¿—…"«»“” ]|$)/g, 'z');
  if (american) fixed = fixed.replace(/(?<=nˈaɪn)ti(?!ː)/g, 'di');
  return fixed.trim();
}

/** The phoneme string Kokoro reads for `text`, in an English voice ("en-us" or "en-gb"). */
export async function kokoroPhonemes(text: string, american = true): Promise<string> {
  const cleaned = cleanText(text);
  const pieces: { text: string; punctuation: boolean }[] = [];
  let last = 0;
  for (const match of cleaned.matchAll(punctuation)) {
    if (match.index > last) pieces.push({ text: cleaned.slice(last, match.index), punctuation: false });
    pieces.push({ text: match[0], punctuation: true });
    last = match.index + match[0].length;
  }
  if (last < cleaned.length) pieces.push({ text: cleaned.slice(last), punctuation: false });
  const words = pieces.filter((piece) => !piece.punctuation && piece.text.trim() !== '');
  const spoken = await ipa(words.map((piece) => piece.text.trim()), american ? 'en-us' : 'en-gb');
  const phonemes = pieces.map((piece) => (piece.punctuation ? piece.text : piece.text.trim() === '' ? piece.text : spoken[words.indexOf(piece)] ?? '')).join('');
  return fixIpa(phonemes.normalize('NFC'), american);
}

/**
 * Token ids for the phonemes, in runs of at most 510: split after a sentence's end where one
 * fits, else after the last comma or space that does. Symbols Kokoro does not know are left out.
 */
export function kokoroTokens(phonemes: string): number[][] {
  const symbols = [...phonemes].filter((symbol) => vocab[symbol] !== undefined);
  const runs: number[][] = [];
  let start = 0;
  while (start < symbols.length) {
    let end = Math.min(symbols.length, start + maxTokens);
    if (end < symbols.length) {
      const window = symbols.slice(start, end);
      const breakAfter = (set: string): number => Math.max(...[...set].map((mark) => window.lastIndexOf(mark)));
      const cut = [breakAfter('.!?'), breakAfter(',;:—'), breakAfter(' ')].find((index) => index > 0);
      if (cut !== undefined) end = start + cut + 1;
    }
    const run = symbols.slice(start, end).join('').trim();
    // A run with nothing to say (only punctuation or spaces) is not spoken.
    if (/[^\s;:,.!?—…"()“”]/u.test(run)) runs.push([...run].map((symbol) => vocab[symbol]!));
    start = end;
  }
  return runs;
}
