import type { MatchContext, Rule } from '../types.js';
import { capitalizedWordFollows, fullStopEndsSentence, wordBefore } from './context.js';
import { stickyPattern } from './patterns.js';
import { speakLetters } from './acronyms.js';

/**
 * When an abbreviation may be expanded:
 * - 'title': only before a capitalized name ("Gen. Mark Milley"), so "the gen." is left alone;
 * - 'number': only before a number ("No. 5");
 * - 'state': only after a comma, as in AP datelines ("Fresno, Calif.");
 * - 'anywhere'.
 */
type Condition = 'title' | 'number' | 'state' | 'anywhere';

const abbreviations: Record<string, [string, Condition]> = {
  'Gen.': ['General', 'title'], 'Lt.': ['Lieutenant', 'title'], 'Col.': ['Colonel', 'title'],
  'Maj.': ['Major', 'title'], 'Capt.': ['Captain', 'title'], 'Sgt.': ['Sergeant', 'title'],
  'Cpl.': ['Corporal', 'title'], 'Pvt.': ['Private', 'title'], 'Adm.': ['Admiral', 'title'],
  'Cmdr.': ['Commander', 'title'], 'Cdr.': ['Commander', 'title'], 'Brig.': ['Brigadier', 'title'],
  'Gov.': ['Governor', 'title'], 'Sen.': ['Senator', 'title'], 'Rep.': ['Representative', 'title'],
  'Reps.': ['Representatives', 'title'], 'Sens.': ['Senators', 'title'], 'Dr.': ['Doctor', 'title'],
  'Prof.': ['Professor', 'title'], 'Rev.': ['Reverend', 'title'], 'Pres.': ['President', 'title'],
  'Supt.': ['Superintendent', 'title'], 'Det.': ['Detective', 'title'], 'Insp.': ['Inspector', 'title'],
  'Fr.': ['Father', 'title'], 'Sgt.Maj.': ['Sergeant Major', 'title'], 'Atty.': ['Attorney', 'title'],
  'Mr.': ['Mister', 'title'], 'Mrs.': ['Missus', 'title'], 'Ms.': ['Miz', 'title'],
  'Messrs.': ['Messieurs', 'title'], 'Mt.': ['Mount', 'title'], 'Ft.': ['Fort', 'title'],
  'No.': ['number', 'number'], 'no.': ['number', 'number'], 'Nos.': ['numbers', 'number'],
  'Jan.': ['January', 'number'], 'Vol.': ['volume', 'number'], 'Vols.': ['volumes', 'number'],
  'Art.': ['Article', 'number'], 'Ch.': ['chapter', 'number'], 'pp.': ['pages', 'number'], 'p.': ['page', 'number'],
  'Feb.': ['February', 'anywhere'], 'Mar.': ['March', 'number'], 'Apr.': ['April', 'anywhere'],
  'Aug.': ['August', 'anywhere'], 'Sept.': ['September', 'anywhere'], 'Oct.': ['October', 'anywhere'],
  'Nov.': ['November', 'anywhere'], 'Dec.': ['December', 'anywhere'],
  'etc.': ['et cetera', 'anywhere'], 'vs.': ['versus', 'anywhere'], 'v.': ['versus', 'anywhere'],
  'approx.': ['approximately', 'anywhere'], 'e.g.': ['for example', 'anywhere'], 'i.e.': ['that is', 'anywhere'],
  'a.k.a.': ['also known as', 'anywhere'], 'Inc.': ['Incorporated', 'anywhere'], 'Corp.': ['Corporation', 'anywhere'],
  'Ltd.': ['Limited', 'anywhere'], 'Co.': ['Company', 'anywhere'], 'Bros.': ['Brothers', 'anywhere'],
  'Jr.': ['Junior', 'anywhere'], 'Sr.': ['Senior', 'anywhere'], 'Ave.': ['Avenue', 'anywhere'],
  'Blvd.': ['Boulevard', 'anywhere'], 'Rd.': ['Road', 'anywhere'], 'Dept.': ['Department', 'anywhere'],
  'Univ.': ['University', 'anywhere'], 'Ph.D.': ['P H D', 'anywhere'], 'N.Y.': ['New York', 'anywhere'],
  'est.': ['estimated', 'anywhere'], 'c.': ['circa', 'number'], 'ca.': ['circa', 'number'], 'Gens.': ['Generals', 'title'], 'Pte.': ['Private', 'title'],
  'Cllr.': ['Councillor', 'title'], 'Mx.': ['Mix', 'title'], 'Revd.': ['Reverend', 'title'], 'Rt.': ['Right', 'title'],
  'Hon.': ['Honourable', 'title'],
  'Ala.': ['Alabama', 'state'], 'Ariz.': ['Arizona', 'state'], 'Ark.': ['Arkansas', 'state'],
  'Calif.': ['California', 'state'], 'Colo.': ['Colorado', 'state'], 'Conn.': ['Connecticut', 'state'],
  'Del.': ['Delaware', 'state'], 'Fla.': ['Florida', 'state'], 'Ga.': ['Georgia', 'state'],
  'Ill.': ['Illinois', 'state'], 'Ind.': ['Indiana', 'state'], 'Kan.': ['Kansas', 'state'],
  'Ky.': ['Kentucky', 'state'], 'La.': ['Louisiana', 'state'], 'Md.': ['Maryland', 'state'],
  'Mass.': ['Massachusetts', 'state'], 'Mich.': ['Michigan', 'state'], 'Minn.': ['Minnesota', 'state'],
  'Miss.': ['Mississippi', 'state'], 'Mo.': ['Missouri', 'state'], 'Mont.': ['Montana', 'state'],
  'Neb.': ['Nebraska', 'state'], 'Nev.': ['Nevada', 'state'], 'N.J.': ['New Jersey', 'state'],
  'N.M.': ['New Mexico', 'state'], 'N.C.': ['North Carolina', 'state'], 'N.D.': ['North Dakota', 'state'],
  'Okla.': ['Oklahoma', 'state'], 'Ore.': ['Oregon', 'state'], 'Pa.': ['Pennsylvania', 'state'],
  'S.C.': ['South Carolina', 'state'], 'S.D.': ['South Dakota', 'state'], 'Tenn.': ['Tennessee', 'state'],
  'Tex.': ['Texas', 'state'], 'Va.': ['Virginia', 'state'], 'Vt.': ['Vermont', 'state'],
  'Wash.': ['Washington', 'state'], 'Wis.': ['Wisconsin', 'state'], 'Wyo.': ['Wyoming', 'state'],
};

function conditionHolds(condition: Condition, context: MatchContext): boolean {
  const { text, start, end } = context;
  switch (condition) {
    case 'title':
      return capitalizedWordFollows(text, end);
    case 'number':
      return /^\s?\d/u.test(text.slice(end, end + 2));
    case 'state':
      return /,\s$/u.test(text.slice(Math.max(0, start - 2), start));
    case 'anywhere':
      return true;
  }
}

/** "St." is Saint before a name ("St. Louis") and Street after one ("Wall St."). */
function saintOrStreet(context: MatchContext): string {
  const previous = wordBefore(context.text, context.start);
  const afterStreetName = /^(?:\p{Lu}[\p{L}'’]*|\d+(?:st|nd|rd|th)?)$/u.test(previous) && !previous.endsWith('.');
  return afterStreetName ? 'Street' : 'Saint';
}

/** Keeps the full stop of an abbreviation that also closes the sentence. */
function withSentenceStop(spoken: string, context: MatchContext): string {
  return fullStopEndsSentence(context.text, context.end) ? spoken + '.' : spoken;
}

/**
 * Titles written without a full stop, as British papers write them ("Mr Smith", "Lt Col John
 * Smith", "Det Insp Jane Hill"), said in full before a capitalised name. "Sen", "Rep" and "Gov"
 * are left out: without the stop they are names as often ("Hun Sen").
 */
const titlesWithoutStop: Record<string, string> = {
  Mr: 'Mister', Mrs: 'Missus', Ms: 'Miz', Mx: 'Mix', Dr: 'Doctor', Prof: 'Professor', Rev: 'Reverend',
  Revd: 'Reverend', Sgt: 'Sergeant', Gen: 'General', Lt: 'Lieutenant', Col: 'Colonel', Maj: 'Major',
  Capt: 'Captain', Cpl: 'Corporal', Pte: 'Private', Adm: 'Admiral', Brig: 'Brigadier', Cdr: 'Commander',
  Cmdr: 'Commander', Insp: 'Inspector', Supt: 'Superintendent', Det: 'Detective', Ch: 'Chief',
  Cllr: 'Councillor', Rt: 'Right', Hon: 'Honourable', Fr: 'Father', Mt: 'Mount', St: 'Saint',
  Messrs: 'Messieurs', Mme: 'Madame', Mlle: 'Mademoiselle',
};

/** Titles that only stand before another title: "Ch Insp", "Rt Hon". */
const titleBeforeTitle: Record<string, RegExp> = { Ch: /^(?:Insp|Supt)\b/u, Rt: /^Hon\b/u };

/** Capitalised words after "Gen" that make a generation, not a general: "Gen Alpha", "Gen Xers". */
const generationWords = new Set(['Alpha', 'Beta', 'Xers', 'Zers', 'Zer', 'Xer']);

export const abbreviationRules: Rule[] = [
  {
    name: 'title without full stop',
    freeStart: true,
    pattern: stickyPattern(
      String.raw`(?<![.'’-])(?<title>${Object.keys(titlesWithoutStop).join('|')})(?=[ \t]+(?<next>\p{Lu}\p{Ll}[\p{L}'’]*|and\s+M[rs]))`,
    ),
    speak: (match, context) => {
      const title = match.groups?.title ?? '';
      const next = match.groups?.next ?? '';
      const onlyBefore = titleBeforeTitle[title];
      if (onlyBefore !== undefined && !onlyBefore.test(next)) return null;
      if (title === 'Hon' && !/\bRt\.?\s*$/u.test(context.text.slice(Math.max(0, context.start - 4), context.start))) return null;
      if (title === 'Gen' && generationWords.has(next)) return null;
      // "Mr and Mrs Smith".
      if (next.startsWith('and') && title !== 'Mr' && title !== 'Dr') return null;
      // "St Paul's" is a saint; "Baker St Station" a street.
      if (title === 'St') return saintOrStreet(context);
      return titlesWithoutStop[title] ?? null;
    },
  },
  {
    name: 'abbreviation',
    freeStart: true,
    // A word (or dotted letters such as "e.g") ending in a full stop: "Gen.", "etc.", "U.S.".
    pattern: stickyPattern(String.raw`(?<![.])(?<word>\p{L}+(?:\.\p{L}+)*)\.`),
    speak: (match, context) => {
      const written = match[0];
      if (written === 'St.') return withSentenceStop(saintOrStreet(context), context);
      const entry = abbreviations[written];
      if (entry !== undefined) {
        const [spoken, condition] = entry;
        return conditionHolds(condition, context) ? withSentenceStop(spoken, context) : null;
      }
      // Dotted single letters: "U.S." → "U S", "U.K.", "D.C.", "J.K.".
      if (/^(?:\p{L}\.){2,}$/u.test(written)) {
        return withSentenceStop(speakLetters(written.replace(/\./g, '').toUpperCase()), context);
      }
      return null;
    },
  },
  {
    name: 'number sign without full stop',
    freeStart: true,
    // "No 10 said...", "the No 1 seed": British copy drops the full stop of "No." before a number.
    // Not "No 18-year-old should…": a number joined to a word by a hyphen is an age or a size, and "No" is the word.
    pattern: stickyPattern(String.raw`No(?=[ \t]\d)(?![ \t][\d,.]+-\p{L})`),
    speak: () => 'Number',
  },
  {
    name: 'middle initial',
    // "John F. Kennedy", "George W. Bush": a capital and a full stop between two names.
    pattern: stickyPattern(String.raw`(?<=\p{Lu}\p{Ll}+ )(?<letter>\p{Lu})\.(?=[ \t]+\p{Lu}\p{Ll})`),
    speak: (match, context) => (fullStopEndsSentence(context.text, context.end) ? null : (match.groups?.letter ?? null)),
  },
];
