/**
 * A sentence as pieces of written text and what to say for each: the normalizer's pieces, with
 * pronunciation-lexicon entries laid over them. A lexicon entry wins wherever it matches; the
 * normalizer's view of the sentence is kept everywhere else (it is computed on the whole
 * sentence, so rules that look at neighbouring words still see them).
 */
import { findLexiconMatches, type Lexicon, type LexiconMatch } from './lexicon/lexicon.js';
import { normalize, type SpokenPiece } from './normalize/index.js';

export interface ScriptPiece extends SpokenPiece {
  /** From a lexicon entry with only a phoneme: written as <phoneme>, read as the written text. */
  phoneme?: { ph: string; alphabet: string };
}

export interface SpeechOptions {
  language?: string;
  lexicon?: Lexicon;
}

export function spokenPieces(text: string, options: SpeechOptions = {}): ScriptPiece[] {
  const language = options.language ?? 'en';
  const pieces = normalize(text, language);
  const matches = options.lexicon ? findLexiconMatches(text, options.lexicon) : [];
  if (matches.length === 0) return pieces;

  const result: ScriptPiece[] = [];
  let gapStart = 0;
  for (const match of [...matches, undefined]) {
    const gapEnd = match?.start ?? text.length;
    if (gapStart < gapEnd) result.push(...piecesWithin(text, pieces, gapStart, gapEnd, language));
    if (match) result.push(lexiconPiece(text, match));
    gapStart = match?.end ?? text.length;
  }
  return result;
}

/** The normalizer's pieces between `start` and `end`; a piece cut by a lexicon match is re-read. */
function piecesWithin(text: string, pieces: SpokenPiece[], start: number, end: number, language: string): ScriptPiece[] {
  const result: ScriptPiece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const pieceStart = offset;
    const pieceEnd = offset + piece.written.length;
    offset = pieceEnd;
    if (pieceEnd <= start || pieceStart >= end) continue;
    if (pieceStart >= start && pieceEnd <= end) {
      result.push(piece);
      continue;
    }
    const fragment = text.slice(Math.max(start, pieceStart), Math.min(end, pieceEnd));
    result.push(...(piece.written === piece.spoken ? [{ written: fragment, spoken: fragment }] : normalize(fragment, language)));
  }
  return result;
}

function lexiconPiece(text: string, match: LexiconMatch): ScriptPiece {
  const written = text.slice(match.start, match.end);
  const { alias, phoneme } = match.entry;
  if (alias !== undefined) return { written, spoken: alias + (match.possessive ? "'s" : '') };
  return phoneme ? { written, spoken: written, phoneme } : { written, spoken: written };
}

/** What the renderer will say for `text`: aliases for rewritten pieces, the text itself elsewhere. */
export function spokenLine(text: string, options: SpeechOptions = {}): string {
  return spokenPieces(text, options)
    .map((piece) => piece.spoken)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
