/**
 * `newscast normalize`: each line read becomes exactly one line of the words that will be
 * spoken for it (normalizer and lexicon, as in a script). An empty line stays empty, so the
 * output lines up with the input, and a line is answered as soon as it is read.
 */
import { createInterface } from 'node:readline';
import type { Lexicon } from './lexicon/lexicon.js';
import { spokenLine } from './spoken-pieces.js';
import { stripInvalidXmlChars } from './xml.js';

export async function printSpokenLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, lexicon?: Lexicon, language = 'en'): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    const options = lexicon ? { lexicon, language } : { language };
    output.write(`${spokenLine(stripInvalidXmlChars(line), options)}\n`);
  }
}
