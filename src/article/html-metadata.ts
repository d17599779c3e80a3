/**
 * What an HTML page says about its article in its markup: the headline, author, publication
 * date and site name from meta tags (Open Graph, article:*, schema.org itemprops, Dublin Core),
 * <time datetime> and the first <h1> of the article. Read before Readability, which rewrites
 * the document.
 */
import type { DomDocument, DomElement } from './dom.js';
import { findIsoDate } from './dates.js';
import { normalizeWhitespace } from './text-cleanup.js';

export interface PageMetadata {
  headline?: string;
  author?: string;
  date?: string;
  siteName?: string;
  /** The canonical address of the article, if it is a web address. */
  url?: string;
}

const dateSelectors = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="pubdate"]',
  'article time[datetime]',
  'time[datetime]',
];

export function readPageMetadata(document: DomDocument): PageMetadata {
  const found: PageMetadata = {};
  const heading = document.querySelector('article h1') ?? document.querySelector('main h1') ?? document.querySelector('h1');
  const headline = text(heading) ?? metaContent(document, 'meta[property="og:title"]');
  const author = metaContent(document, 'meta[name="author"]') ?? metaContent(document, 'meta[property="article:author"]');
  const siteName = metaContent(document, 'meta[property="og:site_name"]') ?? metaContent(document, 'meta[name="application-name"]');
  const date = dateSelectors.map((selector) => isoDate(document.querySelector(selector))).find(Boolean);
  if (headline) found.headline = headline;
  if (author && !/^https?:/.test(author)) found.author = author;
  if (siteName) found.siteName = siteName;
  if (date) found.date = date;
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(document, 'meta[property="og:url"]');
  if (url && /^https?:\/\/\S+$/.test(url.trim())) found.url = url.trim();
  return found;
}

/** "2023-11-21T18:04:00Z" or "November 21, 2023" from a meta's content or a time's datetime. */
export function isoDate(element: DomElement | null): string | undefined {
  const value = element?.getAttribute('content') ?? element?.getAttribute('datetime') ?? undefined;
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}/.exec(value.trim())?.[0] ?? findIsoDate(value);
}

function metaContent(document: DomDocument, selector: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute('content');
  return value ? normalizeWhitespace(value) || undefined : undefined;
}

function text(element: DomElement | null): string | undefined {
  return element ? normalizeWhitespace(element.textContent ?? '') || undefined : undefined;
}
