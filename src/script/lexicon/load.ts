/** Loading the lexicon a script uses: the default one, then the user's file on top. */
import { readFile } from 'node:fs/promises';
import { NewscastError } from '../../errors.js';
import { defaultLexicon } from './default-lexicon.js';
import { parseJsonLexicon } from './json-map.js';
import { mergeLexicons, type Lexicon } from './lexicon.js';
import { parsePlsLexicon } from './pls.js';

/** Reads a PLS (XML) or JSON lexicon; the format is told by the first character. */
export async function readLexiconFile(path: string): Promise<Lexicon> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NewscastError('input', `Cannot read the lexicon ${path} (${code ?? String(error)}).`, 'Check the path given to --lexicon.', { cause: error });
  }
  const body = text.replace(/^\uFEFF/, '').trimStart();
  return body.startsWith('<') ? parsePlsLexicon(body, path) : parseJsonLexicon(body, path);
}

/** The default lexicon with the file at `path` (if any) on top: the user's entries win. */
export async function loadLexicon(path?: string): Promise<Lexicon> {
  return path ? mergeLexicons(defaultLexicon, await readLexiconFile(path)) : defaultLexicon;
}
