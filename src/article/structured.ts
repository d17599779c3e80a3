/**
 * Building an Article from a format that marks its structure itself (Markdown, HTML): the
 * reader turns the document into headings and paragraphs and says what its metadata gave
 * (title, byline, date, source). A heading that is really prose (a standfirst, a story
 * paragraph) becomes a paragraph; a time stamp marked up as a heading is dropped, its date kept
 * as the fallback date. The plain-text furniture rules then look at the paragraphs
 * before the first heading (caption, byline, date lines), the lead (dateline) and the last
 * paragraph (credit), exactly as they do for plain text.
 */
import type { Article, Section } from './article.js';
import { isTimestamp, parseDateLine } from './dates.js';
import { tidyByline } from './byline.js';
import { takeCredit, takeDateline, takeFrontMatter } from './furniture.js';
import type { ParseOptions } from './plain-text.js';
import { normalizeWhitespace } from './text-cleanup.js';
import { headlineFromLead, maxTitleLineLength } from './title.js';

export type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string; /** An item of a list (HTML <li>). */ listItem?: boolean };

/** What the document's own metadata said; each wins over what the text heuristics find. */
export interface DocumentMetadata {
  title?: string;
  byline?: string;
  /** ISO 8601 date (YYYY-MM-DD). */
  date?: string;
  source?: string;
  caption?: string;
  dateline?: string;
  url?: string;
}

export function articleFromBlocks(blocks: Block[], metadata: DocumentMetadata, options: ParseOptions = {}): Article {
  let stampedDate: string | undefined;
  const cleaned = blocks
    .map((block): Block => ({ ...block, text: normalizeWhitespace(block.text) }))
    .filter((block) => block.text !== '')
    .flatMap((block): Block[] => {
      if (block.kind !== 'heading') return [block];
      // A time stamp marked up as a heading is furniture: its date, if any, is the fallback date.
      if (isTimestamp(block.text)) {
        stampedDate ??= parseDateLine(block.text);
        return [];
      }
      return [readsAsProse(block.text) ? { kind: 'paragraph', text: block.text } : block];
    });

  // Furniture before the story: only among the paragraphs that come before any heading.
  const leading: string[] = [];
  while (cleaned[leading.length]?.kind === 'paragraph') leading.push(cleaned[leading.length]?.text ?? '');
  const paragraphCount = cleaned.filter((block) => block.kind === 'paragraph').length;
  // Keep at least one paragraph for the story (takeFrontMatter keeps the last of `leading`).
  const front = takeFrontMatter(paragraphCount > leading.length ? [...leading, ''] : leading, false);
  const rest = cleaned.slice(front.consumed);

  const sections = toSections(rest);
  const lastSection = sections.at(-1);
  const source = lastSection ? takeCredit(lastSection.paragraphs) : undefined;
  const firstSection = sections.find((section) => section.paragraphs.length > 0);
  const dateline = firstSection ? takeDateline(firstSection.paragraphs) : undefined;
  const story = sections.filter((section) => section.paragraphs.length > 0);

  const givenTitle = options.title?.replace(/\s+/g, ' ').trim();
  const title = givenTitle || metadata.title || headlineFromLead(story[0]?.paragraphs[0] ?? '');
  const article: Article = { title, sections: story };
  const foundByline = metadata.byline ?? front.byline;
  const byline = foundByline ? tidyByline(foundByline) : undefined;
  const date = metadata.date ?? front.date ?? stampedDate;
  const foundSource = metadata.source ?? source ?? dateline?.agency;
  const caption = metadata.caption ?? front.caption?.text;
  const place = dateline?.place ?? metadata.dateline ?? front.caption?.place;
  if (byline) article.byline = byline;
  if (foundSource) article.source = foundSource;
  if (date) article.date = date;
  if (place) article.dateline = place;
  if (caption) article.caption = caption;
  if (metadata.url) article.url = metadata.url;
  return article;
}

/**
 * A heading that is really a paragraph (a standfirst or a story paragraph the page marked up as
 * a heading): longer than a title line, or a sentence of six words or more closed by a full
 * stop, or two sentences. Questions and short labels ("The verdict.") stay headings.
 */
function readsAsProse(heading: string): boolean {
  const words = heading.split(' ').length;
  if (heading.length > maxTitleLineLength) return true;
  if (words >= 6 && /[.…]["”’)]?$/u.test(heading)) return true;
  return words >= 8 && /[.!?]["”’)]?\s+["“‘(]?\p{Lu}/u.test(heading);
}

function toSections(blocks: Block[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { paragraphs: [] };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (current.paragraphs.length > 0 || current.heading) sections.push(current);
      current = { heading: block.text, paragraphs: [] };
    } else {
      current.paragraphs.push(block.text);
    }
  }
  sections.push(current);
  return sections;
}
