/**
 * YAML front matter as static-site Markdown writes it ("---\ntitle: …\ndate: …\n---"), read by the
 * `yaml` package (eemeli) in its safe use: the core schema (no custom or language tags: an unknown
 * tag leaves its value as text), a bound on alias expansion (a "billion laughs" block is refused),
 * and an error with its line and column for a block that is not YAML.
 */
import { createRequire } from 'node:module';
import { NewscastError } from '../errors.js';
import { findIsoDate } from './dates.js';

const require = createRequire(import.meta.url);
/** yaml takes ~30 ms to load: only an article with front matter pays for it. */
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export interface FrontMatterFields {
  title?: string;
  author?: string;
  date?: string;
  source?: string;
  url?: string;
}

const block = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** A few aliases are normal ("source: *paper"); thousands only come from an expansion attack. */
const maxAliasCount = 50;

/**
 * Splits front matter off `text`; `body` is the rest of the document. `sourceName` names the file
 * in errors; the front matter's own lines are counted from the document's first line ("---").
 * A block that is YAML but no mapping ("---\nHEADLINE\n---") is no front matter: it stays text.
 * `lenient` (plain text, where "---" lines are also just rules) takes a block that is not YAML as
 * text too; otherwise (Markdown) it is refused with its line and column.
 */
export function splitFrontMatter(text: string, sourceName = 'article', lenient = false): { fields: FrontMatterFields; body: string } {
  const match = block.exec(text);
  if (!match) return { fields: {}, body: text };
  const values = readYaml(match[1] ?? '', sourceName, lenient);
  if (!values) return { fields: {}, body: text };
  const fields: FrontMatterFields = {};
  const title = values.get('title');
  const author = values.get('author') ?? values.get('byline') ?? values.get('authors');
  const dateText = values.get('date') ?? values.get('published');
  const date = dateText ? (/^\d{4}-\d{2}-\d{2}/.exec(dateText)?.[0] ?? findIsoDate(dateText)) : undefined;
  const source = values.get('source') ?? values.get('site');
  if (title) fields.title = title;
  if (author) fields.author = author.replace(/^by\s+/i, '');
  if (date) fields.date = date;
  if (source) fields.source = source;
  const url = values.get('url') ?? values.get('canonical') ?? values.get('link');
  if (url && /^https?:\/\/\S+$/.test(url)) fields.url = url;
  return { fields, body: text.slice(match[0].length) };
}

/**
 * The block's top-level keys (lower case) whose values are text, numbers, or lists of them;
 * undefined if the block is no mapping (or, when `lenient`, not YAML).
 */
function readYaml(source: string, sourceName: string, lenient: boolean): Map<string, string> | undefined {
  const fail = (line: number, column: number, problem: string): never => {
    throw new NewscastError(
      'input',
      `${sourceName}:${line + 1}:${column}: the front matter ${problem}`,
      'Fix the block between the two --- lines at that place (quote a value that holds a colon), or remove it.',
    );
  };
  const document = yaml().parseDocument(source, { schema: 'core', uniqueKeys: true });
  const [error] = document.errors;
  if (error && lenient) return undefined;
  if (error) fail(error.linePos?.[0].line ?? 1, error.linePos?.[0].col ?? 1, `is not valid YAML: ${firstLine(error.message)}`);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount });
  } catch {
    // yaml: "Excessive alias count indicates a resource exhaustion attack".
    fail(1, 1, `expands aliases (*name) more than ${maxAliasCount} times, as only an attack does`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    const text = asText(value);
    if (text) values.set(key.toLowerCase(), text);
  }
  return values;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(asText).filter((item): item is string => item !== undefined);
    return items.length > 0 ? items.join(', ') : undefined;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
