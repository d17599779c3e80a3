/**
 * Pull quotes: a line of the story repeated in large type beside it (a blockquote, often with its
 * speaker's name under it). For the eye only: read aloud, the listener hears the line twice. A
 * blockquote whose words the story's own paragraphs hold elsewhere is one; it goes with the short
 * attribution set beside it.
 */
import type { DomElement } from './dom.js';
import { comparable } from './text-cleanup.js';

/** Fewer letters than this are too few to tell a repeat from a common phrase. */
const minQuoteLetters = 30;
/** At most this many letters beside the quote (the speaker's name) are part of the pull quote. */
const maxAttributionLetters = 100;

export function removePullQuotes(content: DomElement): void {
  const quotes = Array.from(content.querySelectorAll('blockquote'));
  if (quotes.length === 0) return;
  const paragraphs = Array.from(content.querySelectorAll('p')).filter((paragraph) => !quotes.some((quote) => contains(quote, paragraph)));
  const storyText = paragraphs.map((paragraph) => comparable(paragraph.textContent ?? ''));
  for (const quote of quotes) {
    const words = comparable(quote.textContent ?? '');
    if (words.length < minQuoteLetters || !storyText.some((text) => text.includes(words))) continue;
    let unit: DomElement = quote;
    for (let parent = unit.parentElement; parent && parent !== content; parent = parent.parentElement) {
      if (comparable(parent.textContent ?? '').length > words.length + maxAttributionLetters) break;
      unit = parent;
    }
    unit.remove();
  }
}

function contains(ancestor: DomElement, element: DomElement): boolean {
  for (let node: DomElement | null = element; node; node = node.parentElement) if (node === ancestor) return true;
  return false;
}
