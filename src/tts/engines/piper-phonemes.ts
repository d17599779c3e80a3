// Text to a Piper voice's phoneme ids, the way Piper (piper-phonemize) makes them: espeak-ng's IPA
// clause by clause, the clause's punctuation kept, one id list per sentence, each list
// "^" + "_" + (phoneme "_")… + "$".
import { NewscastError } from '../../errors.js';
import { espeakInstall as install, espeakPlainText } from './espeak-program.js';
import { runProgram } from './program.js';
import type { PiperVoiceConfig } from './piper-voices.js';


export interface Clause {
  text: string;
  /** The punctuation that ended it: one of . ? ! , ; : or '' (the end of the text without one). */
  terminator: string;
}

const sentenceEnds = new Set(['.', '?', '!']);

/**
 * Splits text where espeak-ng ends a clause (a comma, colon, semicolon or sentence end before a
 * space). A full stop after a single letter ("U.S. troops") is an abbreviation, not an end.
 * The text is cleaned as for the espeak-ng engine (espeakPlainText); brackets are then dropped
 * altogether, and lines joined: espeak-ng ends a clause at each line end.
 */
export function splitClauses(text: string): Clause[] {
  const plain = espeakPlainText(text.normalize('NFC')).replace(/[[\]\s]+/g, ' ');
  const clauses: Clause[] = [];
  const boundary = /([.?!]+|[,;:])["'\u2019\u201D)]*(?=\s|$)/g;
  let start = 0;
  for (const match of plain.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const punctuation = match[1]!;
    if (punctuation === '.' && end < plain.trimEnd().length && /(?:^|[\s.])\p{L}\.$/u.test(plain.slice(Math.max(0, match.index - 2), match.index + 1))) continue;
    clauses.push({ text: plain.slice(start, match.index).trim(), terminator: punctuation.at(-1)! });
    start = end;
  }
  const rest = plain.slice(start).trim();
  if (rest) clauses.push({ text: rest, terminator: '' });
  return clauses.filter((clause) => clause.text !== '');
}

/** espeak-ng's voice name from the config is an argument: only a plain name may reach it. */
function espeakVoice(config: PiperVoiceConfig): string {
  const voice = config.espeak?.voice ?? 'en-us';
  if (!/^[a-z0-9][a-z0-9_+-]*$/i.test(voice)) throw new NewscastError('dependency', `The voice's espeak voice "${voice}" is not a voice name.`);
  return voice;
}

/**
 * IPA for each clause. espeak-ng ends a clause at each line end, so all clauses go in one call
 * (on stdin, never through a shell or as an option); if espeak-ng splits one further (very long
 * clauses), the clauses are asked one by one instead.
 */
async function clausePhonemes(clauses: Clause[], voice: string): Promise<string[]> {
  const ask = async (lines: string[]): Promise<string[]> => {
    const { stdout } = await runProgram('espeak-ng', ['-q', '--ipa', '-b', '1', '-v', voice], { input: `${lines.join('\n')}\n`, install });
    return stdout.toString('utf8').replace(/\n$/, '').split('\n');
  };
  const lines = await ask(clauses.map((clause) => clause.text));
  if (lines.length === clauses.length) return lines;
  return Promise.all(clauses.map(async (clause) => (await ask([clause.text])).join(' ')));
}

/** Phonemes of each sentence: clauses joined with their punctuation, as Piper does. */
export async function phonemize(text: string, config: PiperVoiceConfig): Promise<string[][]> {
  const clauses = splitClauses(text);
  if (clauses.length === 0) return [];
  const ipa = await clausePhonemes(clauses, espeakVoice(config));
  const sentences: string[][] = [];
  let current: string[] = [];
  clauses.forEach((clause, index) => {
    // Language switch flags such as "(fr)" surround foreign words; they are not phonemes.
    const phonemes = [...(ipa[index] ?? '').replace(/\([a-z-]+\)/g, '').trim().normalize('NFD')];
    if (current.length > 0 && phonemes.length > 0 && current.at(-1) !== ' ') current.push(' ');
    current.push(...phonemes);
    if (sentenceEnds.has(clause.terminator)) current.push(clause.terminator);
    else if (clause.terminator) current.push(clause.terminator, ' ');
    if (sentenceEnds.has(clause.terminator) || index === clauses.length - 1) {
      while (current.at(-1) === ' ') current.pop();
      if (current.some((phoneme) => /\p{L}/u.test(phoneme))) sentences.push(current);
      current = [];
    }
  });
  return sentences;
}

/** "^_" + each known phoneme followed by "_" + "$"; phonemes the voice does not know are left out. */
export function phonemeIds(phonemes: string[], idMap: Record<string, number[]>): number[] {
  const ids = (symbol: string): number[] => {
    const found = idMap[symbol];
    if (!found) throw new NewscastError('dependency', `The Piper voice's phoneme_id_map has no "${symbol}".`);
    return found;
  };
  const pad = ids('_');
  const result = [...ids('^'), ...pad];
  for (const phoneme of phonemes) {
    const mapped = idMap[phoneme];
    if (mapped) result.push(...mapped, ...pad);
  }
  result.push(...ids('$'));
  return result;
}
