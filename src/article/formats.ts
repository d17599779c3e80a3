/**
 * Input formats: one file per format (plain-text.ts, markdown.ts, html.ts), each registered here
 * with the extensions it owns and, for files without a telling extension (stdin, "story"), a
 * test on the content. Plain text is the fallback.
 */
import { extname } from 'node:path';
import type { Article } from './article.js';
import { NewscastError } from '../errors.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
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

/** A page: a doctype or <html>, or markup that opens with a typical body element. */
function looksLikeHtml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return /^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(start) || (/^<(?:article|main|div|p|h1)[\s>]/i.test(start) && /<\/p>/i.test(text));
}

/** Front matter, an ATX heading line, a link or image, or **strong** text: things prose never has. */
function looksLikeMarkdown(text: string): boolean {
  return /^\uFEFF?---\r?\n[\s\S]*?\n---/.test(text) || /^#{1,6}[ \t]+\S/m.test(text) || /!?\[[^\]\n]+\]\([^)\s]+\)/.test(text) || /\*\*[^*\n]+\*\*/.test(text);
}

const formats: ArticleFormat[] = [
  plainText,
  { name: 'HTML', extensions: ['.html', '.htm', '.xhtml'], looksLike: looksLikeHtml, parse: parseHtml },
  { name: 'Markdown', extensions: ['.md', '.markdown', '.mdown', '.mkd'], looksLike: looksLikeMarkdown, parse: parseMarkdown },
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
