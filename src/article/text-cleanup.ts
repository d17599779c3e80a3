/** Turning raw article text into clean paragraphs, whatever the input format. */
import { decodeHTMLStrict } from 'entities';
import { stripInvalidXmlChars } from '../script/xml.js';

/**
 * "&#163;8m", "&rsquo;", "&amp;", "&nbsp;" → "£8m", "’", "&", a no-break space, as an exported
 * story or a Markdown file carries them. Only complete references (with their semicolon) are
 * read, so "AT&T" and "R&D &copy 2024" stay as written; one pass, so "&amp;#163;" is "&#163;".
 */
export function decodeCharacterReferences(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

/** Strips a byte-order mark and characters XML cannot carry; unifies line ends; NFC. */
export function cleanText(text: string): string {
  return stripInvalidXmlChars(text.replace(/^\uFEFF/, ''))
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

/** Letters and digits only, lower case: the words, whatever the case, quotes and punctuation around them. */
export function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Collapses all runs of whitespace (line breaks, tabs, no-break spaces) to one space. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\s\u00A0\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]+/g, ' ').trim();
}

/** Paragraphs are separated by blank lines (lines holding only whitespace count as blank). */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n[ \t\u00A0]*\n/)
    .map(normalizeWhitespace)
    .filter((paragraph) => paragraph !== '');
}
