/**
 * The title of a web page's story. Pages name it in several places: og:title, twitter:title and
 * JSON-LD `headline` (written for sharing and search, so they name the story), Readability's
 * title and the <title> (often with the site's name around it), and the page's <h1> elements
 * (the story's headline, but on many pages also the site's masthead or a section name).
 *
 * - Each source is cleaned of " - Site", " | Site", " — Site" tails (and "Site | " or
 *   "Opinion | " heads) when the part cut off is the site's name or its domain (or, where the
 *   page names neither, a tail two sources repeat, or the masthead <h1>), or when the part kept
 *   is what another source says the title is.
 * - An <h1> is the title only where it agrees with one of the cleaned sources (a short one
 *   outside the article: with og:title, twitter:title or JSON-LD when the page has any), so a
 *   masthead or section name is never the title. The <h1> wins then: it is the headline as
 *   the reader sees it, where og:title is often a rewording for social media.
 * - Otherwise og:title, twitter:title or JSON-LD `headline`, whichever most sources agree with;
 *   then the article's own <h1>; then Readability's title or the <title>.
 */
import { registrableDomain } from './site-name.js';
import { comparable, normalizeWhitespace } from './text-cleanup.js';

export interface TitleSources {
  openGraph?: string;
  twitter?: string;
  jsonLd?: string;
  readability?: string;
  /** The <title> element. */
  document?: string;
  /** The page's <h1> texts, those inside <article> or <main> first. */
  headings: string[];
  /** The first <h1> inside <article> or <main>, if any. */
  articleHeading?: string;
  /** Names the site goes by: og:site_name, JSON-LD publisher, application-name, its domain. */
  siteNames: string[];
}

/** Separators between a headline and a site or section name: " | ", " - ", " – ", " — ", " · ", " :: ", " » ". */
const separator = /(\s+(?:[|–—·•»-]|::)\s+)/u;

export function pageTitle(sources: TitleSources): string | undefined {
  const raw = [sources.openGraph, sources.twitter, sources.jsonLd, sources.readability, sources.document];
  // Some pages put the headline in og:site_name too: a name that is a whole title is no site's.
  const titleKeys = new Set(raw.slice(0, 3).filter((text): text is string => !!text).map(comparable));
  const siteNames = [
    ...sources.siteNames.filter((name) => !titleKeys.has(comparable(name)) && name.split(/\s+/).length <= 8),
    ...siteNamesAround(raw.filter((text): text is string => !!text), sources.headings, sources.articleHeading ?? ''),
  ];
  const sites = siteKeys(siteNames);
  const isSite = (text: string): boolean => keysOf(text).some((key) => sites.has(key));
  const headings = sources.headings.map(normalizeWhitespace).filter((heading) => heading !== '' && !isSite(heading));
  const confirmations = [...raw, ...headings].filter((text): text is string => !!text).map(normalizeWhitespace);
  const cleaned = raw.map((text) => {
    if (!text) return undefined;
    const title = stripSiteAffixes(text, siteNames, confirmations.filter((other) => other !== normalizeWhitespace(text)));
    return title === '' || isSite(title) ? undefined : title;
  });
  const strong = cleaned.slice(0, 3).filter((title): title is string => !!title);
  const all = cleaned.filter((title): title is string => !!title);

  // A section name outside the article ("Local news") may head the <title> too: a short heading
  // there needs the agreement of a source written for sharing and search, when the page has one.
  const articleHeading = sources.articleHeading ? normalizeWhitespace(sources.articleHeading) : '';
  const judgesOf = (heading: string): string[] =>
    strong.length === 0 || heading === articleHeading || heading.split(' ').length >= 4 ? all : strong;
  const heading = headings.find((text) => judgesOf(text).some((title) => agrees(text, title)));
  if (heading) return heading;
  if (strong.length > 0) {
    const support = (title: string): number => all.filter((other) => agrees(title, other)).length;
    return strong.reduce((best, title) => (support(title) > support(best) ? title : best));
  }
  if (articleHeading !== '' && !isSite(articleHeading)) return articleHeading;
  return all[0];
}

/**
 * `title` without the site's name (or a section name) at either end: cut at a separator when
 * the part cut off names the site (`siteNames`, or "Riverside Courier" for "The Riverside
 * Courier"), or when the part kept is one of `confirmations` and longer than the part cut off.
 */
export function stripSiteAffixes(title: string, siteNames: string[], confirmations: string[] = []): string {
  const sites = siteKeys(siteNames);
  const confirmed = new Set(confirmations.map(comparable).filter((key) => key !== ''));
  const namesSite = (text: string): boolean => keysOf(text).some((key) => sites.has(key));
  const canCut = (kept: string, cut: string): boolean =>
    namesSite(cut) || (confirmed.has(comparable(kept)) && comparable(kept).length > comparable(cut).length);

  let current = normalizeWhitespace(title);
  for (let changed = true; changed; ) {
    changed = false;
    const parts = current.split(separator); // text, separator, text, …
    for (let cut = 2; cut < parts.length && !changed; cut += 2) {
      const head = parts.slice(0, cut - 1).join('');
      const tail = parts.slice(cut).join('');
      if (canCut(head, tail)) {
        current = head;
        changed = true;
      } else if (canCut(tail, head)) {
        current = tail;
        changed = true;
      }
    }
  }
  return current;
}

/**
 * Site names the titles themselves show, for pages that give none: a last segment ("… |
 * Riverside Courier") that two sources about different stories both end with, or that is the
 * text of an <h1> outside the article (the masthead). Never longer than the headline before it.
 */
function siteNamesAround(titles: string[], headings: string[], articleHeading: string): string[] {
  const ends = titles.flatMap((title) => {
    const parts = normalizeWhitespace(title).split(separator);
    const end = parts.at(-1) ?? '';
    const rest = comparable(parts.slice(0, -2).join(''));
    return parts.length >= 3 && comparable(end).length < rest.length ? [{ end, rest }] : [];
  });
  const differ = (a: string, b: string): boolean => !a.startsWith(b) && !b.startsWith(a);
  const mastheads = headings.filter((heading) => heading !== articleHeading).map(comparable);
  const names = ends.filter(({ end, rest }) => {
    const repeated = ends.some((other) => comparable(other.end) === comparable(end) && differ(other.rest, rest));
    return repeated || mastheads.includes(comparable(end));
  });
  return names.map(({ end }) => end);
}

/** Whether two titles say the same, ignoring case, punctuation and quote styles; or one is the other cut short. */
function agrees(a: string, b: string): boolean {
  const [shorter, longer] = [comparable(a), comparable(b)].sort((x, y) => x.length - y.length) as [string, string];
  return shorter !== '' && (shorter === longer || (longer.startsWith(shorter) && shorter.length >= 0.7 * longer.length));
}

/** "The Riverside Courier" → "theriversidecourier" and "riversidecourier". */
function keysOf(text: string): string[] {
  return [comparable(text), comparable(text.replace(/^\s*the\s+/i, ''))].filter((key) => key !== '');
}

/** Site names as keys; a domain ("www.riversidecourier.co.uk") also as its name ("riversidecourier"). */
function siteKeys(siteNames: string[]): Set<string> {
  const keys = new Set<string>();
  for (const name of siteNames) {
    for (const key of keysOf(name)) keys.add(key);
    const host = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})(?:[/:]|$)/i.exec(name.trim())?.[1];
    if (host) {
      keys.add(comparable(host));
      // "riversidecourier.co.uk" → "riversidecourier"
      const name = registrableDomain(host.toLowerCase()).split('.')[0];
      if (name) keys.add(comparable(name));
    }
  }
  return keys;
}
