/**
 * W3C Pronunciation Lexicon Specification (PLS 1.0) files: <lexicon alphabet="ipa"> holding
 * <lexeme>s, each with one or more <grapheme>s and an <alias> or a <phoneme>. The first alias
 * of a lexeme is used; without one, its first phoneme.
 */
import { SaxesParser } from 'saxes';
import { NewscastError } from '../../errors.js';
import type { Lexicon, LexiconEntry } from './lexicon.js';

const plsNamespace = 'http://www.w3.org/2005/01/pronunciation-lexicon';

export function parsePlsLexicon(xml: string, name: string): Lexicon {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const lexicon = new Map<string, LexiconEntry>();
  const fail = (message: string): never => {
    throw new NewscastError('input', `${name}:${parser.line}:${parser.column}: ${message}`, 'Fix the lexicon at that place; see README "Pronunciation lexicon" for the format.');
  };
  let defaultAlphabet = 'ipa';
  let sawRoot = false;
  let lexeme: { graphemes: string[]; alias?: string; phoneme?: { ph: string; alphabet: string } } | undefined;
  let field: { element: 'grapheme' | 'alias' | 'phoneme'; text: string; alphabet: string } | undefined;

  parser.on('opentag', (tag) => {
    if (tag.uri !== plsNamespace && tag.uri !== '') fail(`<${tag.name}> is not a PLS element`);
    const alphabet = tag.attributes['alphabet']?.value;
    if (!sawRoot) {
      if (tag.local !== 'lexicon') fail(`a PLS file starts with <lexicon>, not <${tag.local}>`);
      sawRoot = true;
      if (alphabet) defaultAlphabet = alphabet;
      return;
    }
    if (tag.local === 'lexeme') lexeme = { graphemes: [] };
    else if (tag.local === 'grapheme' || tag.local === 'alias' || tag.local === 'phoneme') {
      if (!lexeme) fail(`<${tag.local}> must be inside a <lexeme>`);
      field = { element: tag.local, text: '', alphabet: alphabet ?? defaultAlphabet };
    } else if (tag.local !== 'meta' && tag.local !== 'metadata' && tag.local !== 'example') fail(`<${tag.local}> is not a PLS element`);
  });
  parser.on('text', (text) => {
    if (field) field.text += text;
  });
  parser.on('closetag', (tag) => {
    if (field && tag.local === field.element && lexeme) {
      const text = field.text.replace(/\s+/g, ' ').trim();
      if (field.element === 'grapheme' && text) lexeme.graphemes.push(text);
      if (field.element === 'alias' && text) lexeme.alias ??= text;
      if (field.element === 'phoneme' && text) lexeme.phoneme ??= { ph: text, alphabet: field.alphabet };
      field = undefined;
    } else if (tag.local === 'lexeme' && lexeme) {
      if (lexeme.graphemes.length === 0) fail('a <lexeme> needs a <grapheme>');
      if (!lexeme.alias && !lexeme.phoneme) fail(`the lexeme "${lexeme.graphemes[0]}" needs an <alias> or a <phoneme>`);
      for (const grapheme of lexeme.graphemes) {
        const entry: LexiconEntry = { grapheme };
        if (lexeme.alias) entry.alias = lexeme.alias;
        else if (lexeme.phoneme) entry.phoneme = lexeme.phoneme;
        lexicon.set(grapheme, entry);
      }
      lexeme = undefined;
    }
  });
  parser.on('error', (error) => {
    throw new NewscastError('input', `${name}:${error.message}`, 'The lexicon is not well-formed XML: fix it at that place.');
  });
  parser.write(xml).close();
  if (!sawRoot) fail('the file has no <lexicon> element');
  return lexicon;
}
