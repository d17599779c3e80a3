/** The sentences that open and close every episode. */

/** Made on first use: the formatter costs milliseconds to build, and most articles give no date. */
let longDate: Intl.DateTimeFormat | undefined;

/** "2023-11-21" → "November 21, 2023"; undefined for anything that is not a real ISO date. */
export function spokenDate(isoDate: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date rolls "2023-02-30" over into March: only a date that stays itself is real.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  longDate ??= new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return longDate.format(date);
}

export interface LineValues {
  title: string;
  show: string;
  source?: string;
  byline?: string;
  /** ISO date; spoken as "November 21, 2023". */
  date?: string;
}

/** Spoken lines when the template gives none: the default template's. */
export const defaultLines = {
  intro: ['This is {show}.', '{title}.', 'From {source}.', 'By {byline}.', 'Published {date}.'],
  outro: ['This story is from {source}.', 'Thanks for listening to {show}.'],
};

/**
 * Whether `title` is the start of the story's lead (as the headline newscast makes for a story
 * without one, or a page whose title is its first sentence): then the intro does not say it,
 * or the listener hears the same words twice within seconds. Case, punctuation and an opening
 * "The/A/An" do not count; a title of fewer than four words is a headline, not a repeat.
 */
export function titleRepeatsLead(title: string, lead: string): boolean {
  const titleWords = wordsWithoutArticle(title);
  const leadWords = wordsWithoutArticle(lead);
  return titleWords.length >= 4 && titleWords.every((word, index) => leadWords[index] === word);
}

function wordsWithoutArticle(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  return /^(?:the|a|an)$/.test(words[0] ?? '') ? words.slice(1) : words;
}

/**
 * Replaces {title}, {show}, {source}, {byline} and {date} in each of a template's lines. A line
 * that names a value the article does not have ("From {source}.") is left out whole.
 */
export function fillSpokenLines(lines: readonly string[], values: LineValues): string[] {
  const spoken: Partial<LineValues> = { ...values, date: values.date ? spokenDate(values.date) : undefined };
  return lines.flatMap((line) => {
    let missing = false;
    const text = line.replace(/\{(title|show|source|byline|date)\}/g, (_, key: keyof LineValues) => {
      const value = spoken[key]?.trim();
      if (!value) missing = true;
      return value ?? '';
    });
    // "{title}." must not become "Who won?." when the title ends a sentence itself.
    return missing ? [] : [text.replace(/([.!?…])\./gu, '$1').replace(/\s+/g, ' ').trim()];
  });
}
