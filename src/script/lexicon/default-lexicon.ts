/**
 * The lexicon every script uses: names from Middle East and Pacific news that the embedded
 * flite voice says wrongly or spells out. Each respelling was checked against flite's phone
 * output (`flite -ps -t "…"`): e.g. "Sadr" alone is spelled "S A D R", "Ain" comes out as "ayn"
 * (rhyming with "rain"), "Qaeda" as "kay-ee-duh". Names flite already says well (Hamas, Shia,
 * Baghdad) are left out. A user's --lexicon file overrides any entry here.
 */
import type { Lexicon, LexiconEntry } from './lexicon.js';

const respellings: Record<string, string> = {
  'Al-Sudani': 'al soo dah nee',
  Sudani: 'soo dah nee',
  Anbar: 'ahn bar',
  'al-Asad': 'al ah sahd',
  'Ain al-Asad': 'ine al ah sahd',
  Hezbollah: 'hez bah lah',
  Nasrallah: 'nahs rah lah',
  'al-Qaeda': 'al kye duh',
  'al-Qaida': 'al kye duh',
  Qaeda: 'kye duh',
  Houthi: 'hoo thee',
  Houthis: 'hoo theez',
  Sadr: 'sah der',
  Erbil: 'er beel',
  Kataib: 'kah tah ib',
  Neiafu: 'nay ah foo',
  Vanuatu: 'van wah too',
  Sione: 'see oh nee',
};

export const defaultLexicon: Lexicon = new Map<string, LexiconEntry>(
  Object.entries(respellings).map(([grapheme, alias]) => [grapheme, { grapheme, alias }]),
);
