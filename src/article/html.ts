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
 * - Sections: every heading inside the article starts one.
 * - Not read: navigation, headers and footers, asides ("related stories"), ads and cookie
 *   banners (Readability scores them out), scripts, styles, forms, figures with their captions
 *   (the first caption is kept as `caption`), images, media, tables and code.
 * - Then the plain-text furniture rules apply (byline/date lines, dateline, credit).
 */
import { Readability } from '@mozilla/readability';
import type { Article } from './article.js';
import { parseCaption } from './caption.js';
import { parseByline } from './byline.js';
import { parseHtmlDocument, type DomDocument } from './dom.js';
import { htmlBlocks } from './html-blocks.js';
import { removeClutter } from './html-clutter.js';
import { readPageMetadata } from './html-metadata.js';
import { pageTitle } from './page-title.js';
import type { ParseOptions } from './plain-text.js';
import { articleFromBlocks, type Block, type DocumentMetadata } from './structured.js';
import { cleanText, normalizeWhitespace } from './text-cleanup.js';
import { NewscastError } from '../errors.js';

export function parseHtml(html: string, options: ParseOptions = {}): Article {
  const document = parseHtmlDocument(cleanText(html));
  const page = readPageMetadata(document);
  const caption = firstCaption(document);
  removeClutter(document);
  // Readability's types name the DOM Document, which this Node build does not include.
  const extracted = new Readability(document as never).parse();
  if (!extracted?.content) {
    throw new NewscastError('input', 'No article text was found in the HTML page.', 'Save the story itself (or its text) and try again.');
  }
  const content = parseHtmlDocument(`<!DOCTYPE html><html><body>${extracted.content}</body></html>`);

  const title = pageTitle({ ...page.titles, readability: normalizeWhitespace(extracted.title ?? '') }) ?? '';
  // Neither the title nor a page headline (an <h1>) opening the article is read as story.
  const headlines = new Set(page.titles.headings.map(comparable));
  const isHeadline = (block: Block, index: number, all: Block[]): boolean =>
    block.kind === 'heading' &&
    (comparable(block.text) === comparable(title) || (headlines.has(comparable(block.text)) && all.slice(0, index).every((before) => before.kind === 'heading')));
  const blocks = htmlBlocks(content.body ?? content.documentElement).filter((block, index, all) => !isHeadline(block, index, all));

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

function comparable(text: string): string {
  return normalizeWhitespace(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
