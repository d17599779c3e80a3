import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { defaultLexicon } from '../../../src/script/lexicon/default-lexicon.js';
import { parseJsonLexicon } from '../../../src/script/lexicon/json-map.js';
import { findLexiconMatches } from '../../../src/script/lexicon/lexicon.js';
import { loadLexicon } from '../../../src/script/lexicon/load.js';
import { parsePlsLexicon } from '../../../src/script/lexicon/pls.js';
import { buildScript } from '../../../src/script/build.js';
import { sentenceSsml } from '../../../src/script/sentence-ssml.js';
import { spokenLine } from '../../../src/script/spoken-pieces.js';

const dir = mkdtempSync(join(tmpdir(), 'newscast-lexicon-'));

const pls = `<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>Al-Sudani</grapheme><alias>al soo DAH nee</alias></lexeme>
  <lexeme><grapheme>Neiafu</grapheme><grapheme>Neiafu Harbour</grapheme><phoneme>neɪ.ɑˈfu</phoneme></lexeme>
  <lexeme><grapheme>AC-130</grapheme><alias>A C one thirty gunship</alias></lexeme>
</lexicon>`;

describe('lexicon files', () => {
  test('PLS: aliases, phonemes (with the lexicon alphabet), several graphemes per lexeme', () => {
    const lexicon = parsePlsLexicon(pls, 'names.pls');
    expect(lexicon.get('Al-Sudani')).toEqual({ grapheme: 'Al-Sudani', alias: 'al soo DAH nee' });
    expect(lexicon.get('Neiafu Harbour')?.phoneme).toEqual({ ph: 'neɪ.ɑˈfu', alphabet: 'ipa' });
  });

  test('PLS errors name the line and column', () => {
    const error = (() => {
      try {
        parsePlsLexicon('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n  <lexeme><grapheme>X</grapheme></lexeme>\n</lexicon>', 'bad.pls');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).message).toMatch(/^bad\.pls:2:\d+: .*needs an <alias> or a <phoneme>/);
    expect(() => parsePlsLexicon('<lexicon><lexeme>', 'cut.pls')).toThrow(/^cut\.pls:\d+:\d+/);
  });

  test('JSON map, and its errors', () => {
    expect(parseJsonLexicon('{ "Al-Sudani": "al soo dah nee" }', 'x.json').get('Al-Sudani')?.alias).toBe('al soo dah nee');
    expect(() => parseJsonLexicon('["a"]', 'x.json')).toThrow(NewscastError);
    expect(() => parseJsonLexicon('{"a": 3}', 'x.json')).toThrow(/needs a non-empty string/);
    expect(() => parseJsonLexicon('{', 'x.json')).toThrow(/not valid JSON/);
  });

  test('a user file is laid over the default lexicon, its entries winning', async () => {
    const path = join(dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ Anbar: 'an bar', Tallow: 'tal oh' }));
    const lexicon = await loadLexicon(path);
    expect(lexicon.get('Anbar')?.alias).toBe('an bar');
    expect(lexicon.get('Tallow')?.alias).toBe('tal oh');
    expect(lexicon.get('Hezbollah')).toEqual(defaultLexicon.get('Hezbollah'));
    await expect(loadLexicon(join(dir, 'missing.pls'))).rejects.toThrow(/Cannot read the lexicon/);
  });
});

describe('matching', () => {
  const lexicon = parsePlsLexicon(pls, 'names.pls');

  test('whole words only, case-sensitive, possessives included', () => {
    expect(findLexiconMatches('Al-Sudanis and Al-Sudani’s aides', lexicon).map((match) => [match.start, match.end, match.possessive])).toEqual([[15, 26, '’s']]);
    expect(findLexiconMatches('AL-SUDANI', lexicon)).toEqual([]);
  });

  test('a lower-case entry also matches capitalised, as at a sentence start', () => {
    expect(spokenLine('Al-Asad is a base; al-Asad again.', { lexicon: defaultLexicon })).toBe('al ah sahd is a base; al ah sahd again.');
  });

  test('the longest entry wins', () => {
    expect(spokenLine('Ain al-Asad air base', { lexicon: defaultLexicon })).toBe('ine al ah sahd air base');
    expect(spokenLine('at Neiafu Harbour', { lexicon })).toBe('at Neiafu Harbour');
    expect(sentenceSsml('at Neiafu Harbour', { lexicon })).toBe('at <phoneme alphabet="ipa" ph="neɪ.ɑˈfu">Neiafu Harbour</phoneme>');
  });

  test('a lexicon entry wins over the normalizer; the normalizer still reads the rest', () => {
    expect(spokenLine('A U.S. AC-130 fired 66 rounds.', { lexicon })).toBe('A U S A C one thirty gunship fired sixty-six rounds.');
    expect(sentenceSsml('An AC-130 cost $5m.', { lexicon })).toBe(
      'An <sub alias="A C one thirty gunship">AC-130</sub> cost <sub alias="five million dollars">$5m</sub>.',
    );
  });

  test('the default lexicon is used by scripts that name none', () => {
    const article = { title: 'Talks', sections: [{ paragraphs: ['Lebanon’s Hezbollah’s leader spoke on Tuesday.'] }] };
    expect(buildScript(article, { showName: 'Newscast' })).toContain('Lebanon’s <sub alias="hez bah lah&apos;s">Hezbollah’s</sub> leader');
  });
});
