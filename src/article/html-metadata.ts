/**
 * What an HTML page says about its article in its markup: where it names the story (og:title,
 * twitter:title, JSON-LD headline, <title>, its <h1>s: page-title.ts picks), the authors,
 * publication date and publisher from JSON-LD NewsArticle first, then meta tags (Open Graph,
 * article:*, schema.org itemprops, Dublin Core) and <time datetime>. Read before Readability,
 * which rewrites the document.
 */
import type { DomDocument, DomElement } from './dom.js';
import { findIsoDate } from './dates.js';
import { readJsonLdArticle } from './json-ld.js';
import { spokenSiteName } from './site-name.js';
import type { TitleSources } from './page-title.js';
import { normalizeWhitespace } from './text-cleanup.js';

export interface PageMetadata {
  /** Every place the page names its story, but Readability's guess (added after it runs). */
  titles: Omit<TitleSources, 'readability'>;
  /** The authors JSON-LD names, as a byline ("Jane Doe and John Roe"). */
  byline?: string;
  /** A meta author tag, to be checked as a byline. */
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
  const jsonLd = readJsonLdArticle(document);
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(document, 'meta[property="og:url"]');
  const address = url && /^https?:\/\/\S+$/.test(url.trim()) ? url.trim() : undefined;
  const openGraphSite = metaContent(document, 'meta[property="og:site_name"]');
  const applicationName = metaContent(document, 'meta[name="application-name"]');
  const found: PageMetadata = { titles: titleSources(document, jsonLd.headline, [jsonLd.publisher, openGraphSite, applicationName, address]) };
  const author = metaContent(document, 'meta[name="author"]') ?? metaContent(document, 'meta[property="article:author"]');
  const siteName = spokenSiteName([jsonLd.publisher, openGraphSite, applicationName], address);
  const date = jsonLd.date ?? dateSelectors.map((selector) => isoDate(document.querySelector(selector))).find(Boolean);
  if (jsonLd.authors.length > 0) found.byline = joinNames(jsonLd.authors);
  if (author && !/^https?:/.test(author)) found.author = author;
  if (siteName) found.siteName = siteName;
  if (date) found.date = date;
  if (address) found.url = address;
  return found;
}

function titleSources(document: DomDocument, jsonLd: string | undefined, siteNames: (string | undefined)[]): PageMetadata['titles'] {
  const inArticle = Array.from(document.querySelectorAll('article h1, main h1'));
  const elsewhere = Array.from(document.querySelectorAll('h1')).filter((heading) => !inArticle.includes(heading));
  const headings = [...inArticle, ...elsewhere].slice(0, 8).map(text).filter((heading): heading is string => !!heading);
  const titles: PageMetadata['titles'] = { headings, siteNames: siteNames.filter((name): name is string => !!name) };
  const articleHeading = text(inArticle[0] ?? null);
  const openGraph = metaContent(document, 'meta[property="og:title"]');
  const twitter = metaContent(document, 'meta[name="twitter:title"]') ?? metaContent(document, 'meta[property="twitter:title"]');
  const title = text(document.querySelector('title'));
  if (articleHeading) titles.articleHeading = articleHeading;
  if (openGraph) titles.openGraph = openGraph;
  if (twitter) titles.twitter = twitter;
  if (jsonLd) titles.jsonLd = jsonLd;
  if (title) titles.document = title;
  return titles;
}

/** "Jane Doe", "Jane Doe and John Roe", "Jane Doe, John Roe and Ann Lee". */
function joinNames(names: string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "2023-11-21T18:04:00Z" or "November 21, 2023" from a meta's content or a time's datetime. */
export function isoDate(element: DomElement | null): string | undefined {
  const value = element?.getAttribute('content') ?? element?.getAttribute('datetime') ?? undefined;
  if (!value) return undefined;
  return /^(?:19|20)\d{2}-\d{2}-\d{2}/.exec(value.trim())?.[0] ?? findIsoDate(value);
}

function metaContent(document: DomDocument, selector: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute('content');
  return value ? normalizeWhitespace(value) || undefined : undefined;
}

function text(element: DomElement | null): string | undefined {
  return element ? normalizeWhitespace(element.textContent ?? '') || undefined : undefined;
}
