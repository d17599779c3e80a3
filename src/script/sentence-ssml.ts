/**
 * The one place where a sentence of article text becomes SSML: what the normalizer or the
 * lexicon rewrites ("$1.13bn") becomes <sub alias="one point one three billion dollars">$1.13bn</sub>,
 * so a person editing the script sees both what was written and what will be said. A lexicon
 * entry with only a phoneme becomes <phoneme alphabet ph>; direct quotations can be wrapped in
 * <voice name> for a second voice.
 */
import { findQuotations } from './quotes.js';
import { spokenPieces, type ScriptPiece, type SpeechOptions } from './spoken-pieces.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from './xml.js';

export interface SentenceOptions extends SpeechOptions {
  /** Voice for direct quotations; none means one voice throughout. */
  quoteVoice?: string;
  /** Whether a quotation opened in an earlier sentence of the paragraph is still open. */
  insideQuote?: boolean;
}

export interface SentenceSsml {
  ssml: string;
  /** Whether a quotation is still open at the end of the sentence (carry it to the next). */
  insideQuote: boolean;
}

export function sentenceSsml(text: string, options: SentenceOptions = {}): string {
  return sentenceSsmlWithQuotes(text, options).ssml;
}

export function sentenceSsmlWithQuotes(text: string, options: SentenceOptions = {}): SentenceSsml {
  const clean = stripInvalidXmlChars(text);
  const pieces = spokenPieces(clean, options);
  const quotes = findQuotations(clean, options.insideQuote);
  if (!options.quoteVoice || quotes.spans.length === 0) {
    return { ssml: pieces.map((piece, index) => pieceSsml(piece, pieces[index - 1], pieces[index + 1])).join(''), insideQuote: quotes.openAtEnd };
  }

  // Voice boundaries fall between pieces: plain text is cut at the quote marks, and a rewritten
  // piece ("$5m") that a quotation touches goes wholly into the quotation.
  const cuts = quotes.spans.flat();
  const open = `<voice name="${escapeXmlAttribute(options.quoteVoice)}">`;
  let ssml = '';
  let offset = 0;
  let inVoice = false;
  const cutPieces = cutPlainPieces(pieces, cuts);
  cutPieces.forEach((piece, index) => {
    const start = offset;
    const end = offset + piece.written.length;
    offset = end;
    const quoted = quotes.spans.some(([spanStart, spanEnd]) => start < spanEnd && end > spanStart);
    if (quoted !== inVoice) ssml += quoted ? open : '</voice>';
    inVoice = quoted;
    ssml += pieceSsml(piece, cutPieces[index - 1], cutPieces[index + 1]);
  });
  if (inVoice) ssml += '</voice>';
  return { ssml, insideQuote: quotes.openAtEnd };
}

/** Splits unchanged text pieces at the given offsets of the sentence. */
function cutPlainPieces(pieces: ScriptPiece[], cuts: number[]): ScriptPiece[] {
  const result: ScriptPiece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const start = offset;
    offset += piece.written.length;
    if (piece.written !== piece.spoken || piece.phoneme) {
      result.push(piece);
      continue;
    }
    let from = 0;
    for (const cut of cuts.map((at) => at - start).filter((at) => at > 0 && at < piece.written.length).sort((a, b) => a - b)) {
      if (cut > from) result.push({ written: piece.written.slice(from, cut), spoken: piece.written.slice(from, cut) });
      from = cut;
    }
    result.push({ written: piece.written.slice(from), spoken: piece.written.slice(from) });
  }
  return result;
}

function pieceSsml(piece: ScriptPiece, previous: ScriptPiece | undefined, next: ScriptPiece | undefined): string {
  if (piece.phoneme) {
    return `<phoneme alphabet="${escapeXmlAttribute(piece.phoneme.alphabet)}" ph="${escapeXmlAttribute(piece.phoneme.ph)}">${escapeXmlText(piece.written)}</phoneme>`;
  }
  if (piece.written === piece.spoken) return escapeXmlText(piece.written);
  return `<sub alias="${escapeXmlAttribute(aliasText(piece.spoken, previous?.written ?? '', next?.written ?? ''))}">${escapeXmlText(piece.written)}</sub>`;
}

/**
 * The alias takes the written text's place exactly, so a replacement word between two written
 * words ("tips@example.org", "#SaveOurLibrary") keeps the space the normalizer put around it,
 * or the engine hears "tipsatexample". Where the text already has the space, none is added.
 */
function aliasText(spoken: string, before: string, after: string): string {
  const words = spoken.replace(/\s+/g, ' ').trim();
  const spaceBefore = /^\s/.test(spoken) && before !== '' && !/\s$/.test(before) ? ' ' : '';
  const spaceAfter = /\s$/.test(spoken) && after !== '' && !/^\s/.test(after) ? ' ' : '';
  return spaceBefore + words + spaceAfter;
}
