/**
 * Direct quotations in a sentence, for reading them in a second voice. Curly quotes say which
 * way they face; a straight double quote opens after a space, a bracket or the start, and
 * closes otherwise. A quotation may run over several sentences of a paragraph, so the caller
 * carries whether the previous sentence left one open. Single quotes are not followed: they are
 * too often apostrophes.
 */

export interface QuoteScan {
  /** [start, end) of each quoted stretch, quote marks included. */
  spans: [number, number][];
  /** Whether a quotation is still open at the end of the text. */
  openAtEnd: boolean;
}

export function findQuotations(text: string, openAtStart = false): QuoteScan {
  const spans: [number, number][] = [];
  let openedAt: number | undefined = openAtStart ? 0 : undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '“' && char !== '”' && char !== '"') continue;
    const opens = char === '“' || (char === '"' && (openedAt === undefined ? opensHere(text, index) : false));
    if (opens) {
      openedAt ??= index;
    } else if (openedAt !== undefined) {
      spans.push([openedAt, index + 1]);
      openedAt = undefined;
    }
    // A closing mark with nothing open is an inch sign or a stray quote: not a quotation.
  }
  if (openedAt !== undefined && openedAt < text.length) spans.push([openedAt, text.length]);
  return { spans: spans.filter(([start, end]) => /[\p{L}\p{N}]/u.test(text.slice(start, end))), openAtEnd: openedAt !== undefined };
}

function opensHere(text: string, index: number): boolean {
  const before = index === 0 ? ' ' : (text[index - 1] ?? ' ');
  return /[\s(\[{—–-]/u.test(before);
}
