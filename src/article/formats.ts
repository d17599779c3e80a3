/**
 * Input formats: one file per format (plain-text.ts, markdown.ts, html.ts), each registered here
 * with the extensions it owns and, for files without a telling extension (stdin, "story"), a
 * test on the content. Plain text is the fallback. Readers are loaded when first needed: the
 * HTML one brings a DOM (~25 MB) that a plain-text run has no use for.
 */
import { extname } from 'node:path';
import type { Article } from './article.js';
import type { ParseOptions } from './plain-text.js';

type Parser = (text: string, options: ParseOptions) => Article;

export interface ArticleFormat {
  name: string;
  extensions: string[];
  /** Recognises the format from the text when the extension says nothing. */
  looksLike?: (text: string) => boolean;
  loadParser: () => Promise<Parser>;
}

const plainText: ArticleFormat = {
  name: 'plain text',
  extensions: ['.txt', '.text', ''],
  loadParser: async () => (await import('./plain-text.js')).parsePlainText,
};

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
  {
    name: 'HTML',
    extensions: ['.html', '.htm', '.xhtml'],
    looksLike: looksLikeHtml,
    loadParser: async () => (await import('./html.js')).parseHtml,
  },
  {
    name: 'Markdown',
    extensions: ['.md', '.markdown', '.mdown', '.mkd'],
    looksLike: looksLikeMarkdown,
    loadParser: async () => (await import('./markdown.js')).parseMarkdown,
  },
];

/** Picks the format for `path` (undefined for stdin) and its text. */
export function formatFor(path: string | undefined, text: string): ArticleFormat {
  const extension = path === undefined ? '' : extname(path).toLowerCase();
  const byExtension = formats.find((format) => extension !== '' && format.extensions.includes(extension));
  return byExtension ?? formats.find((format) => format.looksLike?.(text)) ?? plainText;
}

/** Parses `text` in its format. */
export async function parseArticle(path: string | undefined, text: string, options: ParseOptions): Promise<Article> {
  const parse = await formatFor(path, text).loadParser();
  return parse(text, options);
}
