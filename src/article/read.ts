/** Reading an article from a file or stdin, with a clear error for each way that can fail. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Article } from './article.js';
import { NewscastError } from '../errors.js';
import { parseArticle } from './formats.js';
import { checkArticleSize, maxArticleBytes } from './size-limit.js';
import { decodeUtf16 } from './utf16.js';

export interface ReadOptions {
  /** Overrides the title found in the article (`--title`). */
  title?: string;
  /** Where '-' reads from; process.stdin by default (a parameter so tests can feed it). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Reads and parses the article at `input`, a path, or '-' for standard input. */
export async function readArticle(input: string, options: ReadOptions = {}): Promise<Article> {
  const fromStdin = input === '-';
  const name = fromStdin ? 'Standard input' : input;
  const bytes = fromStdin ? await readStdin(options.stdin ?? process.stdin) : await readArticleFile(input);
  const text = decodeText(bytes, name);
  const article = await parseArticle(fromStdin ? undefined : input, text, { title: options.title, sourceName: fromStdin ? 'standard input' : basename(input) });
  if (article.sections.every((section) => section.paragraphs.length === 0)) {
    throw new NewscastError('input', `${name} has no story text, only a title or credits.`, 'Give an article with at least one paragraph of text.');
  }
  return article;
}

async function readArticleFile(path: string): Promise<Buffer> {
  try {
    const file = await stat(path);
    if (file.isDirectory()) {
      throw new NewscastError('input', `${path} is a folder, not an article file.`, 'Give the path of a .txt file inside it.');
    }
    checkArticleSize(path, file.size);
    return await readFile(path);
  } catch (error) {
    if (error instanceof NewscastError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NewscastError('input', `${path} does not exist.`, 'Check the path, or use - to read the article from standard input.', { cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new NewscastError('input', `${path} cannot be read: permission denied.`, 'Make the file readable (chmod u+r) or copy it somewhere you can read.', { cause: error });
    }
    throw new NewscastError('input', `${path} cannot be read (${code ?? String(error)}).`, 'Check that the path is a readable text file.', { cause: error });
  }
}

async function readStdin(stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<Buffer> {
  if (stdin.isTTY) {
    throw new NewscastError('input', 'Nothing was piped to standard input.', 'Pipe an article in (newscast script - < story.txt) or give a file path.');
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    bytes += chunks.at(-1)!.length;
    checkArticleSize('Standard input', bytes > maxArticleBytes ? Number.POSITIVE_INFINITY : bytes);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 or UTF-16 text, or an input error for binary, other encodings or empty input. */
function decodeText(bytes: Buffer, name: string): string {
  let text = decodeUtf16(bytes);
  if (text === undefined && bytes.includes(0)) {
    throw new NewscastError('input', `${name} is a binary file, not text.`, 'Give the article as UTF-8 (or UTF-16) plain text, Markdown or HTML.');
  }
  try {
    text ??= new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new NewscastError('input', `${name} is not UTF-8 text.`, 'Convert it to UTF-8, e.g. iconv -f latin1 -t utf-8 story.txt > story-utf8.txt.', { cause: error });
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new NewscastError('input', `${name} is empty.`, 'Give an article with some text in it.');
  }
  return text;
}
