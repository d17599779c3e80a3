/**
 * Short chapter titles drawn from a chapter's own text: 2-7 words, at most 50 characters, not
 * ending on a function word, distinct within the episode. First choice is the main clause of
 * the chapter's first sentence when it is short enough; otherwise the chapter's most salient
 * phrase: a run of 2-4 words whose content words are frequent in this chapter and rare in the
 * others.
 */
import { sentencesOf } from './sentences.js';

export const maxTitleWords = 7;
export const maxTitleLength = 50;

/** Words a title must not start or end on (and that carry no topic). */
export const stopwords = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by',
  'with', 'as', 'into', 'onto', 'over', 'under', 'about', 'after', 'before', 'against', 'between',
  'than', 'that', 'which', 'who', 'whose', 'whom', 'it', 'its', 'he', 'she', 'they', 'them', 'his',
  'her', 'their', 'our', 'we', 'i', 'you', 'my', 'your', 'this', 'these', 'those', 'there', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'should',
  'may', 'might', 'can', 'not', 'no', 'so', 'if', 'when', 'while', 'where', 'also', 'said', 'says',
  'say', 'told', 'according', 'now', 'then', 'just', 'more', 'most', 'some', 'such', 'other', 'one',
  'all', 'any', 'each', 'very', 'what', 'how', 'why', 'do', 'did', 'does', 'mr', 'mrs', 'ms', 'per',
  'until', 'since', 'week', 'year', 'day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'least', 'so', 'far', 'out', 'up', 'down', 'off', 'only', 'both', 'many',
  'inside', 'outside', 'across', 'through', 'during', 'without', 'within', 'around', 'near', 'behind',
  'beyond', 'along', 'among', 'towards', 'toward', 'despite', 'via', 'upon', 'amid', 'because',
  'although', 'though', 'unless', 'whether', 'nearly', 'almost', 'still', 'even', 'again', 'ago',
  'already', 'yet', 'too',
]);

/** Gives each chapter (its paragraphs) a title; titles in `taken` and each other's are avoided. */
export function titleChapters(chapters: string[][], taken: Iterable<string> = []): string[] {
  const used = new Set([...taken].map((title) => title.toLowerCase()));
  const texts = chapters.map((paragraphs) => paragraphs.join(' '));
  // Each chapter's words are counted once; the other chapters' counts are the episode's less its
  // own (counting the other chapters' text again for every chapter grew with the square of the length).
  const counts = texts.map(wordCounts);
  const episode = new Map<string, number>();
  for (const chapter of counts) for (const [word, count] of chapter) episode.set(word, (episode.get(word) ?? 0) + count);
  return texts.map((text, index) => {
    const frequencies = { here: counts[index]!, episode, otherChapters: texts.length - 1 };
    const title = titleCandidates(text, frequencies).find((candidate) => !used.has(candidate.toLowerCase())) ?? `Part ${index + 1}`;
    used.add(title.toLowerCase());
    return title;
  });
}

/** How often each (stemmed) word occurs in the chapter and in the whole episode. */
interface WordFrequencies {
  here: Map<string, number>;
  episode: Map<string, number>;
  otherChapters: number;
}

/** Possible titles for one chapter's text, best first. */
function titleCandidates(text: string, frequencies: WordFrequencies): string[] {
  // The whole chapter is not split for its first sentence.
  const firstSentence = sentencesOf(text).next().value ?? text;
  const { clause, cutBeforeWord } = cutMainClause(firstSentence);
  const candidates = fits(clause) && !(cutBeforeWord && leavesVerbHanging(clause)) ? [clause] : [];
  return [...candidates, ...salientPhrases(text, firstSentence, frequencies)];
}

/**
 * A clause cut before "that" or "said" may be a subject ("U.S. Army"), or a subject and a verb
 * whose object was cut off ("Harbour master has warned", "Officials warned"): not a title.
 */
function leavesVerbHanging(clause: string): boolean {
  const words = clause.split(' ');
  return words.slice(1).some(isClauseWord) || isPastTense(words.at(-1) ?? '');
}

function fits(title: string): boolean {
  const words = title.split(' ');
  return words.length >= 2 && words.length <= maxTitleWords && title.length <= maxTitleLength && !stopwords.has(lastWord(title));
}

/**
 * The first sentence's main clause, headline style: without a short opening phrase ("Until this
 * week, …"), cut at the first clause break or reported-speech verb, without a leading article.
 */
export function mainClause(sentence: string): string {
  return cutMainClause(sentence).clause;
}

/** A full stop that ends a clause; not an abbreviation's ("U.S. Army", "Dr. Park", "St. Louis"). */
const clauseStop = String.raw`(?<!\b(?:\p{L}|Mr|Mrs|Ms|Dr|St|Mt|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Rev|No|Jr|Sr|Inc|Corp|Co|Ltd|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\.(?:\s|$)`;
const clauseBreak = new RegExp(String.raw`[,;:!?()"“”]|\s[—–-]\s|${clauseStop}|\s(that|which|who|said|says|according)\s`, 'u');

/** The main clause, and whether it was cut before a word ("that", "said") rather than at punctuation. */
function cutMainClause(sentence: string): { clause: string; cutBeforeWord: boolean } {
  let clause = sentence.replace(/^["“‘']+/u, '');
  const opening = /^([^,]+),\s+(.*)$/u.exec(clause);
  if (opening?.[1] && opening[2] && opening[1].split(' ').length <= 8 && opening[2].split(' ').length >= 4) clause = opening[2];
  const cut = clauseBreak.exec(clause);
  if (cut) clause = clause.slice(0, cut.index);
  clause = clause.replace(/^(?:the|a|an)\s+/i, '').trim();
  return { clause: clause.charAt(0).toUpperCase() + clause.slice(1), cutBeforeWord: cut?.[1] !== undefined };
}

/** Runs of 2-4 words inside clauses, scored by how typical their words are for this chapter. */
function salientPhrases(text: string, topicSentence: string, { here, episode, otherChapters }: WordFrequencies): string[] {
  const weightOf = (word: string): number => {
    if (stopwords.has(word.toLowerCase()) || !/\p{L}/u.test(word)) return 0;
    const key = stem(word);
    const elsewhere = (episode.get(key) ?? 0) - (here.get(key) ?? 0);
    const capitalBonus = /^\p{Lu}/u.test(word) ? 0.25 : 0;
    return ((here.get(key) ?? 0) + capitalBonus) / (1 + elsewhere / Math.max(1, otherChapters));
  };
  // A word is weighed once, though it is part of up to ten phrases.
  const weights = new Map<string, number>();
  const weight = (word: string): number => {
    let value = weights.get(word);
    if (value === undefined) weights.set(word, (value = weightOf(word)));
    return value;
  };
  const scored = new Map<string, number>();
  for (const run of clauseRuns(text)) {
    // The opening sentence states what the chapter is about.
    const inTopicSentence = topicSentence.includes(run.join(' '));
    for (let start = 0; start < run.length; start++) {
      for (let length = 2; length <= 4 && start + length <= run.length; length++) {
        const words = run.slice(start, start + length);
        const first = words[0] ?? '';
        const last = words.at(-1) ?? '';
        if (stopwords.has(first.toLowerCase()) || stopwords.has(last.toLowerCase())) continue;
        if (/^\p{Ll}.*['’]s$/u.test(first)) continue; // "year's cyclones" is the tail of "last year's cyclones"
        const phrase = words.join(' ');
        if (phrase.length > maxTitleLength) continue;
        if (words.slice(1).some(isClauseWord)) continue; // "Paragraph has Windows line", "New platform isn't"
        if (isPastTense(last)) continue; // "Town council voted" leaves its verb hanging
        // A number opens a measure ("3.5 percent"), not a topic.
        const wholePhrase = endsPhrase(run[start - 1]) && endsPhrase(run[start + length]) && !/^[\p{N}$£€]/u.test(first);
        const contentWeights = words.map(weight).filter((value) => value > 0);
        // Average weight, nudged towards longer phrases and towards the topic sentence.
        const average = contentWeights.reduce((sum, value) => sum + value, 0) / contentWeights.length;
        const score = average * (1 + 0.25 * contentWeights.length) * (inTopicSentence ? 1.5 : 1);
        const title = first.charAt(0).toUpperCase() + phrase.slice(1);
        // A phrase cut from the middle of a longer one ("Add two evening" of "… evening ferry
        // crossings") counts for much less than a whole one.
        const weighed = score * (wholePhrase ? 1 : partPhraseWeight);
        if ((scored.get(title) ?? 0) < weighed) scored.set(title, weighed);
      }
    }
  }
  return [...scored.entries()].sort((a, b) => b[1] - a[1]).map(([title]) => title);
}

const partPhraseWeight = 0.4;

/** Words that carry a clause on: a phrase holding one inside is a sentence cut short. */
const clauseWords = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could',
  'should', 'may', 'might', 'can', 'do', 'did', 'does', 'said', 'says', 'say', 'told', 'that', 'which',
  'who', 'whose', 'whom',
]);
/** Tested as written: "Theresa May", "Elections in May", "Will Smith" name no verb. */
const isClauseWord = (word: string): boolean => clauseWords.has(word) || /n['’]t$/iu.test(word);

/**
 * Whether a phrase may end before (or start after) `word`: at the edge of its clause, or next to
 * a function word, a number or a past-tense verb ("council | voted"); not inside a run of
 * content words ("evening | ferry crossings").
 */
function endsPhrase(word: string | undefined): boolean {
  if (word === undefined) return true;
  const lower = word.toLowerCase();
  return stopwords.has(lower) || isClauseWord(word) || /^[\p{N}$£€]/u.test(word) || isPastTense(word);
}

/** Words ending in "-ed" that are no past tense: "hundred", "seabed", "sacred". */
const notPastTense = new Set([
  'hundred', 'seabed', 'riverbed', 'flowerbed', 'hotbed', 'sickbed', 'deathbed', 'sacred', 'naked', 'wicked',
  'rugged', 'ragged', 'jagged', 'crooked', 'beloved', 'wretched', 'kindred', 'hatred', 'shred', 'sled',
]);
/** A lower-case word that looks like a past-tense verb: "voted", "warned"; not "speed", "Alfred" or "seabed". */
function isPastTense(word: string): boolean {
  return /^\p{Ll}\p{L}+[^e]ed$/u.test(word) && !notPastTense.has(word);
}

/** The text's words, in runs that do not cross punctuation. */
function clauseRuns(text: string): string[][] {
  return text
    // A full stop before a closing quote or bracket ends its clause too ("… live event.”").
    .split(/[.,;:!?()"“”‘’\[\]]\s|[,;:!?()"“”\[\]]|\s[—–-]\s|\.(?=["”’)\]]*(?:\s|$))/u)
    .map((run) => run.split(/\s+/).map((word) => word.replace(/^['‘]|['’]$/gu, '')).filter((word) => /[\p{L}\p{N}]/u.test(word)))
    .filter((run) => run.length > 0);
}

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.split(/[^\p{L}\p{N}'’-]+/u)) {
    if (word === '') continue;
    const key = stem(word);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Crude: "Strikes" and "strike" count as one word. */
function stem(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '').replace(/(?<=\w{3})s$/u, '');
}

function lastWord(title: string): string {
  return (title.split(' ').at(-1) ?? '').toLowerCase();
}
