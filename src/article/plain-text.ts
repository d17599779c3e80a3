/**
 * Plain-text articles. Paragraphs are separated by blank lines; whitespace inside a paragraph
 * is collapsed; a byte-order mark and characters XML cannot carry are removed.
 *
 * What happens to each part of a news story (the "furniture" around the text):
 * - Title line (first paragraph, one short line, no closing full stop): becomes `title`, not
 *   read in the body (the intro reads the title). `--title` overrides it; without either, the
 *   title is a headline cut from the first sentence of the story, which stays in the body.
 * - Photo caption before the story ("AIN AL-ASAD. Military vehicles … are seen …, January 13,
 *   2020."): moved to `caption`, never read; its ALL-CAPS place becomes `dateline` unless the
 *   lead has one of its own.
 * - Byline paragraph ("By Jane Doe"): moved to `byline`; the intro reads it.
 * - Date paragraph ("November 21, 2023", "Published 21 Nov 2023"): moved to `date`; the intro
 *   reads it. Dates inside the story are left alone (they have no reliable year).
 * - Dateline opening the lead ("WASHINGTON (Reuters) - The…"): moved to `dateline` and cut from
 *   the lead, not read (engines spell out ALL-CAPS words); its agency is the `source` fallback.
 * - Trailing credit ("… defeated. – Rappler.com", "— Reuters", "(AP)", "Source: BBC News"):
 *   moved to `source` and cut from the body; the intro and outro read it. Wire trailers
 *   ("(Reporting by …; Editing by …)") are dropped.
 * - YAML front matter ("---\ntitle: …\n---") is split off first, its values decoded; a block
 *   between "---" lines that is no YAML mapping (a headline set between rules, "Note: this:
 *   breaks") is no front matter and stays text.
 * - Character references ("&#163;8m", "&rsquo;", "&amp;") are decoded next, before every other rule.
 * - Subheadings (a one-line paragraph inside the story, at most 8 words, no closing
 *   punctuation): start a new section with that heading, so a new chapter titled by it.
 * The furniture (title line, caption, byline, date) is only looked for in the paragraphs
 * before the story starts; the credit only at the very end.
 */
import type { Article, Section } from './article.js';
import { splitFrontMatter } from './front-matter.js';
import { tidyByline } from './byline.js';
import { takeCredit, takeDateline, takeFrontMatter } from './furniture.js';
import { cleanText, decodeCharacterReferences, splitParagraphs } from './text-cleanup.js';
import { headlineFromLead, isTitleLine } from './title.js';

export interface ParseOptions {
  /** A title given by the user; it wins over anything found in the text. */
  title?: string;
  /** Names the input in error messages, e.g. its file name. */
  sourceName?: string;
}

/** Parses a plain-text article. Pure: no I/O. */
export function parsePlainText(text: string, options: ParseOptions = {}): Article {
  // YAML front matter, as in Markdown, names what the lines before the story would otherwise tell;
  // in plain text "---" lines may just be rules, so a block that is not YAML is text, not an error.
  const { fields, body } = splitFrontMatter(cleanText(text), options.sourceName, true);
  const yaml: typeof fields = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, decodeCharacterReferences(value)]));
  // Character references next: every rule after this one reads characters, not "&#163;".
  const paragraphs = splitParagraphs(cleanText(decodeCharacterReferences(body)));
  const front = takeFrontMatter(paragraphs);
  const story = paragraphs.slice(front.consumed);
  const source = takeCredit(story);
  const dateline = takeDateline(story);

  const givenTitle = options.title?.replace(/\s+/g, ' ').trim();
  const title = givenTitle || yaml.title || front.titleLine || headlineFromLead(story[0] ?? '');

  const article: Article = { title, sections: splitSections(story) };
  if (yaml.author ?? front.byline) article.byline = tidyByline(yaml.author ?? front.byline ?? '');
  if (yaml.source ?? source ?? dateline?.agency) article.source = yaml.source ?? source ?? dateline?.agency;
  if (yaml.date ?? front.date) article.date = yaml.date ?? front.date;
  if (yaml.url) article.url = yaml.url;
  if (dateline?.place ?? front.caption?.place) article.dateline = dateline?.place ?? front.caption?.place;
  if (front.caption) article.caption = front.caption.text;
  return article;
}

/** A subheading: one short line without closing punctuation, between story paragraphs. */
function isSubheading(paragraph: string): boolean {
  return isTitleLine(paragraph) && paragraph.split(' ').length <= 8 && !/[!?"”’)]$/u.test(paragraph);
}

/** Story paragraphs into sections, a new one at each subheading. */
function splitSections(story: string[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { paragraphs: [] };
  story.forEach((paragraph, index) => {
    const isLast = index === story.length - 1;
    if (!isLast && index > 0 && isSubheading(paragraph)) {
      if (current.paragraphs.length > 0) sections.push(current);
      current = { heading: paragraph, paragraphs: [] };
    } else {
      current.paragraphs.push(paragraph);
    }
  });
  if (current.paragraphs.length > 0) sections.push(current);
  return sections;
}
