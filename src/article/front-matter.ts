/**
 * YAML front matter as static-site Markdown writes it ("---\ntitle: …\ndate: …\n---"). Only the
 * flat `key: value` lines newscast uses are read (title, date, author/byline, source/site); a
 * full YAML parser would be one more dependency for three fields.
 */
import { findIsoDate } from './dates.js';

export interface FrontMatterFields {
  title?: string;
  author?: string;
  date?: string;
  source?: string;
  url?: string;
}

const block = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits front matter off `text`; `body` is the rest of the document. */
export function splitFrontMatter(text: string): { fields: FrontMatterFields; body: string } {
  const match = block.exec(text);
  if (!match) return { fields: {}, body: text };
  const values = new Map<string, string>();
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (pair?.[1] && pair[2]) values.set(pair[1].toLowerCase(), unquote(pair[2].trim()));
  }
  const fields: FrontMatterFields = {};
  const title = values.get('title');
  const author = values.get('author') ?? values.get('byline') ?? values.get('authors');
  const dateText = values.get('date') ?? values.get('published');
  const date = dateText ? (/^\d{4}-\d{2}-\d{2}/.exec(dateText)?.[0] ?? findIsoDate(dateText)) : undefined;
  const source = values.get('source') ?? values.get('site');
  if (title) fields.title = title;
  if (author) fields.author = author.replace(/^\[|\]$/g, '').replace(/^by\s+/i, '');
  if (date) fields.date = date;
  if (source) fields.source = source;
  const url = values.get('url') ?? values.get('canonical') ?? values.get('link');
  if (url && /^https?:\/\/\S+$/.test(url)) fields.url = url;
  return { fields, body: text.slice(match[0].length) };
}

/** `"Title: with colon"` → `Title: with colon`; YAML's '' inside single quotes is one quote. */
function unquote(value: string): string {
  if (/^".*"$/.test(value)) return value.slice(1, -1).replace(/\\"/g, '"');
  if (/^'.*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  return value.replace(/\s+#.*$/, '');
}
