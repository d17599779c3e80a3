/**
 * The "furniture" around a news story, shared by every input format: the title line, photo
 * caption, byline and date paragraphs before the story, the dateline opening the lead, and the
 * credit closing it. Each function takes plain paragraphs and says what it found.
 */
import { parseByline } from './byline.js';
import { parseCaption, type Caption } from './caption.js';
import { parseCredit } from './credit.js';
import { parseDateLine } from './dates.js';
import { parseDateline } from './dateline.js';
import { isTitleLine } from './title.js';

export interface FrontMatter {
  /** How many paragraphs at the top were furniture. */
  consumed: number;
  titleLine?: string;
  caption?: Caption;
  byline?: string;
  date?: string;
}

/**
 * Reads title line (only when `allowTitleLine`: formats with real headings have their title
 * already), caption, byline and date from the top, until the story starts.
 */
export function takeFrontMatter(paragraphs: string[], allowTitleLine = true): FrontMatter {
  const front: FrontMatter = { consumed: 0 };
  const maxFrontParagraphs = 5;
  // Keep at least one paragraph for the story, however furniture-like it looks.
  while (front.consumed < Math.min(maxFrontParagraphs, paragraphs.length - 1)) {
    const paragraph = paragraphs[front.consumed] ?? '';
    const byline = front.byline ? undefined : parseByline(paragraph);
    const date = front.date ? undefined : parseDateLine(paragraph);
    const caption = front.caption ? undefined : parseCaption(paragraph);
    if (byline) front.byline = byline;
    else if (date) front.date = date;
    else if (caption) front.caption = caption;
    else if (allowTitleLine && front.consumed === 0 && isTitleLine(paragraph) && !parseDateline(paragraph)) front.titleLine = paragraph;
    else break;
    front.consumed++;
  }
  return front;
}

/** Removes the credit (and wire trailers) from the end of `story`; returns the source. */
export function takeCredit(story: string[]): string | undefined {
  let source: string | undefined;
  for (let attempts = 0; attempts < 2 && story.length > 0; attempts++) {
    const credit = parseCredit(story.at(-1) ?? '');
    if (!credit) break;
    if (credit.rest) {
      source ??= credit.source;
      story[story.length - 1] = credit.rest;
      break;
    }
    if (story.length === 1) break; // the credit would be all there is; keep it as the story
    source ??= credit.source;
    story.pop();
  }
  return source;
}

/** Cuts a dateline off the lead paragraph, if it opens with one. */
export function takeDateline(story: string[]): ReturnType<typeof parseDateline> {
  const lead = story[0];
  const dateline = lead === undefined ? undefined : parseDateline(lead);
  if (dateline) story[0] = dateline.rest;
  return dateline;
}
