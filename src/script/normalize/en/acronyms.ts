import type { Rule } from '../types.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/**
 * Acronyms said as words. The spoken form is written in ordinary case ("Nato") because engines
 * spell out unknown ALL-CAPS tokens.
 */
const acronymsReadAsWords: Record<string, string> = {
  NATO: 'Nato', UNESCO: 'Unesco', UNICEF: 'Unicef', NASA: 'Nasa', OPEC: 'Opec', AIDS: 'Aids',
  COVID: 'Covid', ASEAN: 'Asean', FIFA: 'Fifa', UEFA: 'Uefa', NAFTA: 'Nafta', SARS: 'Sars',
  MERS: 'Mers', ISIS: 'Isis', ISIL: 'Isil', NASDAQ: 'Nasdaq', INTERPOL: 'Interpol', EUROPOL: 'Europol',
  FEMA: 'Fema', DARPA: 'Darpa', SWAT: 'Swat', POTUS: 'Potus', SCOTUS: 'Scotus', CERN: 'Cern',
  UNRWA: 'Unrwa', UNIFIL: 'Unifil', AUKUS: 'Aukus', BRICS: 'Brics', MERCOSUR: 'Mercosur',
  OSIRIS: 'Osiris', NORAD: 'Norad', CENTCOM: 'Centcom', SEAL: 'Seal', SEALS: 'Seals',
  HAMAS: 'Hamas', LASER: 'laser', RADAR: 'radar', SONAR: 'sonar', SALT: 'Salt', START: 'Start',
  OFCOM: 'Ofcom', OFSTED: 'Ofsted', IKEA: 'Ikea', GAVI: 'Gavi', WADA: 'Wada', ECOWAS: 'Ecowas',
  HIMARS: 'Himars', ATACMS: 'Attack-ems', MAGA: 'Maga', NIMBY: 'Nimby', APEC: 'Apec', ICE: 'Ice', COP: 'Cop',
  FTSE: 'Footsie', WWI: 'World War One', WWII: 'World War Two',
};

/**
 * Initialisms that contain a vowel (so the no-vowel rule would miss them) but are spelled out.
 * Also the usual time zones, which a time normalization leaves in place.
 */
const spelledInitialisms = new Set(
  (
    'US UK EU UN UAE USA FBI CIA IAEA WHO IMF ECB BBC CEO CFO COO IPO AI IED IDF IRGC IOC ICC ICJ ' +
    'OECD AU ANC AFP AP ABC CBS NBC NPR PBS UPI OAS ET EST EDT PST PDT CET CEST UTC NY LA DOE EPA ' +
    'ESPN GOP EV ER IOU IQ IRA IRS OPM UAV UNHCR UNSC UNGA USAID VIP IVF ISP OTC NHS ITV MEP ' +
    'DEA ATF FAA FDA SEC FCC NSA DOJ DOD DHS HUD UAW RAF IAF AFL NFL NBA MLB NHL PGA ATP WTA ' +
    'AKP PKK YPG SDF SAA ISI RSF ICRC UNDP UNEP UNODC OCHA AEC ASIO ABS DNA RNA GDP GNP DI DCI DSI'
  ).split(' '),
);

const vowels = /[AEIOU]|(?<!^)Y/u;

/** "FBI" → "F B I"; a known word acronym keeps its word ("NATO" → "Nato"). Split by code point, so a letter outside the BMP stays whole. */
export function speakLetters(capitals: string): string {
  return acronymsReadAsWords[capitals] ?? [...capitals].join(' ');
}

/** Decides how an all-capitals token is said, or null to leave it to the engine. */
function speakAcronym(capitals: string): string | null {
  const word = acronymsReadAsWords[capitals];
  if (word !== undefined) return word;
  if (spelledInitialisms.has(capitals)) return speakLetters(capitals);
  // Two to five capitals with no vowel cannot be said as a word: "GMT", "BBC" (as "B B C").
  if (capitals.length >= 2 && capitals.length <= 5 && !vowels.test(capitals)) return speakLetters(capitals);
  return null;
}

export const acronymRules: Rule[] = [
  {
    name: 'acronym',
    freeStart: true,
    // "FBI", "NATO's", "CEOs", "MPs": capitals standing alone, with an optional plural or possessive.
    pattern: stickyPattern(
      String.raw`(?<capitals>\p{Lu}{2,})(?<ending>['’]s|s)?(?!${WORD_CHARACTER})`,
    ),
    speak: (match) => {
      const capitals = match.groups?.capitals ?? '';
      const ending = match.groups?.ending;
      const spoken = speakAcronym(capitals);
      if (spoken === null) return null;
      // "MPs" → "M P's": the apostrophe makes engines say the letter's plural, not "ps".
      const spelled = acronymsReadAsWords[capitals] === undefined;
      if (ending === 's') return spelled ? spoken + "'s" : spoken + 's';
      return spoken + (ending ?? '');
    },
  },
  {
    name: 'letters joined by ampersand',
    freeStart: true,
    // "R&D", "AT&T", "S&P", "M&A".
    pattern: stickyPattern(String.raw`(?<left>\p{Lu}{1,3})&(?<right>\p{Lu}{1,3})(?!${WORD_CHARACTER})`),
    speak: (match) => speakLetters(match.groups?.left ?? '') + ' and ' + speakLetters(match.groups?.right ?? ''),
  },
];
