/**
 * The article a page describes in its schema.org JSON-LD (what search engines read): headline,
 * authors, publication date and publisher. Each <script type="application/ld+json"> block is
 * parsed on its own with JSON.parse (JSON5 for hand-written ones), so one broken block loses only itself; objects are found
 * at the top, in arrays and inside "@graph". The first NewsArticle, ReportageNewsArticle,
 * Article (or other *Article type) with a headline wins.
 */
import type { DomDocument } from './dom.js';
import JSON5 from 'json5';
import { decodeCharacterReferences, normalizeWhitespace } from './text-cleanup.js';

export interface JsonLdArticle {
  headline?: string;
  /** People named as authors; organisations ("Staff", the site) are not bylines. */
  authors: string[];
  /** ISO 8601 date (YYYY-MM-DD) of datePublished. */
  date?: string;
  publisher?: string;
}

type JsonObject = Record<string, unknown>;

export function readJsonLdArticle(document: DomDocument): JsonLdArticle {
  const scripts = Array.from(document.querySelectorAll('script[type]')).filter((script) => /^application\/ld\+json\b/i.test(script.getAttribute('type')?.trim() ?? ''));
  const articles = scripts.flatMap((script) => objectsIn(parseBlock(script.textContent ?? ''))).filter(isArticle);
  const article = articles.find((candidate) => text(candidate['headline'])) ?? articles[0];
  if (!article) return { authors: [] };
  const found: JsonLdArticle = { authors: authorNames(article['author']) };
  const headline = text(article['headline']);
  // CMS placeholders ("0001-01-01T00:00:00") are no date.
  const date = /^(?:19|20)\d{2}-\d{2}-\d{2}/.exec(text(article['datePublished']) ?? '')?.[0];
  const publisher = nameOf(article['publisher']);
  if (headline) found.headline = headline;
  if (date) found.date = date;
  if (publisher) found.publisher = publisher;
  return found;
}

/** JSON.parse of one block; pages often put raw line breaks inside strings, which JSON forbids. */
function parseBlock(source: string): unknown {
  const json = source.trim().replace(/^<!--|-->$/g, '');
  try {
    return JSON.parse(json);
  } catch {
    try {
      return JSON.parse(json.replace(/[\u0000-\u001F]+/g, ' '));
    } catch {
      // Hand-written blocks use single quotes or trailing commas, which JSON5 reads.
      try {
        return JSON5.parse(json.replace(/[\u0000-\u001F]+/g, ' '));
      } catch {
        return undefined;
      }
    }
  }
}

/** Every object in a JSON-LD value: the value itself, array items and "@graph" members. */
function objectsIn(value: unknown, depth = 0): JsonObject[] {
  if (depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((item) => objectsIn(item, depth + 1));
  if (value === null || typeof value !== 'object') return [];
  const object = value as JsonObject;
  return [object, ...objectsIn(object['@graph'], depth + 1)];
}

function types(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((item): item is string => typeof item === 'string');
}

function isArticle(object: JsonObject): boolean {
  return types(object).some((type) => /Article$/.test(type.replace(/^.*[/#:]/, '')));
}

function isPerson(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object') return false;
  const kinds = types(value as JsonObject);
  return kinds.length === 0 || kinds.some((type) => /Person$/.test(type));
}

function authorNames(value: unknown): string[] {
  const authors = Array.isArray(value) ? value : [value];
  const names = authors.filter(isPerson).map((author) => (typeof author === 'string' ? text(author) : nameOf(author)));
  // A name is a few words, never an address ("https://…/authors/jane").
  return [...new Set(names.filter((name): name is string => !!name && !/^https?:|[/@]/.test(name) && name.length <= 60))];
}

function nameOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value === null || typeof value !== 'object') return undefined;
  return text((value as JsonObject)['name']);
}

/** A string value as plain text: JSON-LD is not HTML-decoded by the parser, so references are decoded here. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return normalizeWhitespace(decodeCharacterReferences(value)) || undefined;
}
