/**
 * Input formats: one file per format (plain-text.ts today; markdown.ts and html.ts later), each
 * registered here with the extensions it owns and, for files without a telling extension, a
 * test on the content. Plain text is the fallback.
 */
import { extname } from 'node:path';
import type { Article } from './article.js';
import { NewscastError } from '../errors.js';
import { parsePlainText, type ParseOptions } from './plain-text.js';

export interface ArticleFormat {
  name: string;
  extensions: string[];
  /** Recognises the format from the text when the extension says nothing. */
  looksLike?: (text: string) => boolean;
  /** Undefined while the format is known but not supported yet. */
  parse?: (text: string, options: ParseOptions) => Article;
}

const plainText: ArticleFormat = { name: 'plain text', extensions: ['.txt', '.text', ''], parse: parsePlainText };

const formats: ArticleFormat[] = [
  plainText,
  { name: 'Markdown', extensions: ['.md', '.markdown'] },
  { name: 'HTML', extensions: ['.html', '.htm', '.xhtml'], looksLike: (text) => /^\s*(?:<!doctype html|<html[\s>])/i.test(text) },
];

/** Picks the format for `path` (undefined for stdin) and its text. */
export function formatFor(path: string | undefined, text: string): ArticleFormat {
  const extension = path === undefined ? '' : extname(path).toLowerCase();
  const byExtension = formats.find((format) => extension !== '' && format.extensions.includes(extension));
  return byExtension ?? formats.find((format) => format.looksLike?.(text)) ?? plainText;
}

/** Parses `text` in its format, or explains that the format is not supported yet. */
export function parseArticle(path: string | undefined, text: string, options: ParseOptions): Article {
  const format = formatFor(path, text);
  if (!format.parse) {
    throw new NewscastError(
      'input',
      `${path ?? 'Standard input'} looks like ${format.name}, which newscast cannot read yet.`,
      'Save the article as plain text (.txt), paragraphs separated by blank lines, and try again.',
    );
  }
  return format.parse(text, options);
}
