/**
 * HTML pages: the article is extracted with Mozilla's Readability (the engine of Firefox's
 * Reader View) on a linkedom DOM, then read as headings and paragraphs.
 *
 * Reading rules:
 * - Title: og:title, twitter:title, JSON-LD headline, Readability's title, cleaned of site-name
 *   tails; the page's <h1> only where it agrees with them (page-title.ts). A heading repeating
 *   the title is not read again.
 * - Byline: JSON-LD NewsArticle authors, else Readability's (from rel=author, .byline and the
 *   like, or meta author), "By" dropped.
 * - Date: JSON-LD datePublished, article:published_time and similar meta tags, else
 *   <time datetime>, else Readability's. Source: JSON-LD publisher, og:site_name, else
 *   Readability's site name.
 * - Sections: every heading inside the article starts one; a heading that is a sentence (a
 *   standfirst, a paragraph marked up as a heading) is read as a paragraph, a timestamp dropped.
 * - Not read: page furniture removed before Readability (html-clutter.ts: scripts, navigation,
 *   footers, boxes named as ads, newsletters, captions…, never one holding a fair part of the
 *   page's text), furniture Readability keeps, found by the story's structure (html-furniture.ts:
 *   captioned pictures, link lists, teasers) and by each line's form (block-furniture.ts:
 *   credits, labels, bylines, timestamps, calls to action, small print), figures (the first
 *   caption is kept as `caption`), images, media, tables and code.
 * - Then the plain-text furniture rules apply (byline/date lines, dateline, credit).
 * - A page where nothing of a story is left is an input error (exit 2).
 */
import { Readability } from '@mozilla/readability';
import type { Article } from './article.js';
import { parseCaption } from './caption.js';
import { parseByline } from './byline.js';
import { parseHtmlDocument, type DomDocument } from './dom.js';
import { htmlBlocks } from './html-blocks.js';
import { removeClutter } from './html-clutter.js';
import { removePullQuotes } from './pull-quotes.js';
import { speakSocialEmbeds } from './social-embeds.js';
import { readPageMetadata } from './html-metadata.js';
import { pageTitle } from './page-title.js';
import type { ParseOptions } from './plain-text.js';
import { articleFromBlocks, type Block, type DocumentMetadata } from './structured.js';
import { storyBlocks } from './block-furniture.js';
import { removeStoryFurniture } from './html-furniture.js';
import { cleanText, comparable, normalizeWhitespace } from './text-cleanup.js';
import { NewscastError } from '../errors.js';

export function parseHtml(html: string, options: ParseOptions = {}): Article {
  const text = cleanText(html);
  const document = parseHtmlDocument(text);
  const page = readPageMetadata(document);
  const caption = firstCaption(document);
  removeClutter(document);
  // When cleaning left Readability nothing to find, the page as it came is read instead, and on
  // purpose without removeClutter: its rules may be what took the story away (a story set in
  // what looks like a promo or a sidebar), so running them again would find nothing again. Readability's
  // own scoring and the story's rules (pull quotes, furniture, storyBlocks) still apply.
  const extracted = extractStory(document) ?? extractStory(parseHtmlDocument(text));
  if (!extracted) {
    throw new NewscastError(
      'input',
      'No article text was found in the HTML page: once its navigation, promos and other page furniture are set aside, no paragraph of a story is left.',
      'If a story shows in the browser, save the page after it has fully loaded (its text may come from a script), or paste the story into a .txt file and give that.',
    );
  }

  const title = pageTitle({ ...page.titles, readability: normalizeWhitespace(extracted.title ?? '') }) ?? '';
  // Neither the title nor a page headline (an <h1>) opening the article is read as story.
  const headlines = new Set(page.titles.headings.map(comparable));
  const isHeadline = (block: Block, index: number, all: Block[]): boolean =>
    block.kind === 'heading' &&
    (comparable(block.text) === comparable(title) || (headlines.has(comparable(block.text)) && all.slice(0, index).every((before) => before.kind === 'heading')));
  const blocks = extracted.blocks.filter((block, index, all) => !isHeadline(block, index, all));

  const metadata: DocumentMetadata = {};
  const byline = page.byline ?? readByline(extracted.byline ?? page.author);
  const date = page.date ?? /^\d{4}-\d{2}-\d{2}/.exec(extracted.publishedTime ?? '')?.[0];
  const source = page.siteName ?? normalizeWhitespace(extracted.siteName ?? '');
  if (title) metadata.title = title;
  if (byline) metadata.byline = byline;
  if (date) metadata.date = date;
  if (source) metadata.source = source;
  if (page.url) metadata.url = page.url;
  if (caption) {
    metadata.caption = caption;
    const place = parseCaption(caption)?.place;
    if (place) metadata.dateline = place;
  }
  return articleFromBlocks(blocks, metadata, options);
}

interface ExtractedStory {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
  siteName?: string | null;
  /** The story's headings and paragraphs, furniture removed. */
  blocks: Block[];
}

/** Fewer words than this are a notice ("Loading…", "Page not found"), not a story. */
const minStoryWords = 5;

/** Readability's article, without the furniture it keeps; undefined when no story is left. */
function extractStory(document: DomDocument): ExtractedStory | undefined {
  // Readability's types name the DOM Document, which this Node build does not include.
  const extracted = new Readability(document as never, { keepClasses: true }).parse();
  if (!extracted?.content) return undefined;
  const content = parseHtmlDocument(`<!DOCTYPE html><html><body>${extracted.content}</body></html>`);
  const root = content.body ?? content.documentElement;
  speakSocialEmbeds(root);
  removePullQuotes(root);
  removeStoryFurniture(root);
  const blocks = storyBlocks(htmlBlocks(root));
  const storyWords = blocks.filter((block) => block.kind === 'paragraph').reduce((sum, block) => sum + block.text.split(/\s+/).length, 0);
  if (storyWords < minStoryWords) return undefined;
  return { ...extracted, blocks };
}

/** "By Jane Doe" → "Jane Doe"; a byline Readability took from a long sentence is not one. */
function readByline(text: string | null | undefined): string | undefined {
  const clean = normalizeWhitespace(text ?? '');
  if (clean === '' || clean.length > 100) return undefined;
  return parseByline(clean) ?? parseByline(`By ${clean.replace(/^by\s+/i, '')}`);
}

/** The caption of the article's lead picture, if the page has one. */
function firstCaption(document: DomDocument): string | undefined {
  const element = document.querySelector('article figure figcaption') ?? document.querySelector('main figure figcaption');
  const text = normalizeWhitespace(element?.textContent ?? '');
  return text || undefined;
}

