import type { RefinementCtx } from 'zod';
import { NewscastError } from '../errors.js';

// Control characters are never part of a title, a show name or a story: in XML (feed.xml) C0
// controls make the document not well-formed, C1 controls (U+0080–U+009F) are what mis-decoded
// Windows-1252 text leaves behind, and both are terminal commands when echoed (ESC [ 2 J clears
// the screen; U+009B is a one-byte CSI). Bidi embeddings, overrides and isolates reorder what a
// reader sees. Values of one line (titles, names) are checked with these; story text is stripped.

/** C0 controls (tab and line ends included: a one-line value has no use for them), DEL and C1 controls. */
const lineControls = /[\u0000-\u001F\u007F-\u009F]/u;
/** Bidi embedding, override and isolate controls: U+202A–U+202E, U+2066–U+2069. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * The first control or bidi-override character of a value, as "U+001B"; undefined when clean.
 * `lineBreaks` allows tab and line ends (a description may have paragraphs).
 */
export function firstControlCharacter(value: string, options: { lineBreaks?: boolean } = {}): string | undefined {
  const found = [...value.matchAll(new RegExp(`${lineControls.source}|${bidiControls.source}`, 'gu'))].find(
    (match) => !(options.lineBreaks && /^[\t\n\r]$/.test(match[0])),
  );
  return found ? codePointName(found[0]) : undefined;
}

/** A one-line value without control or bidi-override characters (removed, then spaces collapsed). */
export function withoutControlCharacters(value: string): string {
  return value
    .replace(new RegExp(`${lineControls.source}|${bidiControls.source}`, 'gu'), '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** "U+001B" for a character. */
export function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A zod check for the one-line fields of files people write (template.json, show.json): names the field. */
export function refuseControlCharacters(value: string, context: RefinementCtx): void {
  addProblem(firstControlCharacter(value), context);
}

/** The same for a text that may have line breaks (show.json's description). */
export function refuseControlCharactersButLineBreaks(value: string, context: RefinementCtx): void {
  addProblem(firstControlCharacter(value, { lineBreaks: true }), context);
}

function addProblem(found: string | undefined, context: RefinementCtx): void {
  if (found) context.addIssue({ code: 'custom', message: `must not hold control characters (${found})` });
}

/** An option given by the caller (`--title`) is refused rather than silently changed. */
export function refuseControlCharactersInOption(name: string, value: string | undefined): void {
  const found = value === undefined ? undefined : firstControlCharacter(value);
  if (found) throw new NewscastError('usage', `${name} holds a control character (${found}).`, `Give ${name} as plain text.`);
}

/** Every string value without control characters: for metadata read back from a script someone may have edited. */
export function withoutControlCharactersInValues<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? withoutControlCharacters(value) : value])) as T;
}
