/**
 * Markdown articles, read with `marked`'s lexer (no HTML is produced; we walk its tokens).
 *
 * Reading rules:
 * - Front matter (title, date, author, source) is metadata; its title wins over the first H1.
 * - The first H1 is the title (not read in the body); every other heading starts a section,
 *   and so a chapter titled by it.
 * - Paragraphs, block quotes and list items are read as paragraphs; links are read as their
 *   text; emphasis, strong and strikethrough marks are dropped (their text stays); inline
 *   code is read as its text, as written; HTML tags are dropped; character references are
 *   decoded (in front matter too), once, after the Markdown syntax is read.
 * - Images, code blocks, tables, horizontal rules and HTML blocks are not read. A paragraph that
 *   is wholly emphasised and comes right after an image is that image's caption: not read.
 * - Then the plain-text furniture rules apply (caption, byline, date, dateline, credit).
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { Article } from './article.js';
import { parseCaption } from './caption.js';
import { splitFrontMatter } from './front-matter.js';
import type { ParseOptions } from './plain-text.js';
import { articleFromBlocks, type Block, type DocumentMetadata } from './structured.js';
import { cleanText, decodeCharacterReferences, normalizeWhitespace } from './text-cleanup.js';

export function parseMarkdown(text: string, options: ParseOptions = {}): Article {
  const { fields, body } = splitFrontMatter(cleanText(text), options.sourceName);
  const metadata: DocumentMetadata = {};
  // Front matter is not Markdown, but exports write references in it all the same.
  if (fields.title) metadata.title = decodeCharacterReferences(fields.title);
  if (fields.author) metadata.byline = decodeCharacterReferences(fields.author);
  if (fields.date) metadata.date = fields.date;
  if (fields.source) metadata.source = decodeCharacterReferences(fields.source);
  if (fields.url) metadata.url = fields.url;

  const blocks: Block[] = [];
  let afterImage = false;
  const visit = (tokens: Token[]): void => {
    for (const token of tokens) {
      const followsImage = afterImage;
      afterImage = false;
      switch (token.type) {
        case 'heading': {
          const heading = inlineText((token as Tokens.Heading).tokens);
          if ((token as Tokens.Heading).depth === 1 && metadata.title === undefined) metadata.title = heading;
          else blocks.push({ kind: 'heading', text: heading });
          break;
        }
        case 'paragraph': {
          const inline = (token as Tokens.Paragraph).tokens;
          const content = inline.filter((child) => !(child.type === 'text' && child.raw.trim() === '') && child.type !== 'br');
          const imageFirst = content[0]?.type === 'image';
          const rest = imageFirst ? content.slice(1) : content;
          if (imageFirst && rest.length === 0) {
            afterImage = true; // the next paragraph may be its caption
          } else if ((imageFirst || followsImage) && rest.length > 0 && rest.every((child) => child.type === 'em' || child.type === 'strong')) {
            const caption = normalizeWhitespace(inlineText(rest));
            metadata.caption ??= caption;
            metadata.dateline ??= parseCaption(caption)?.place;
          } else {
            blocks.push({ kind: 'paragraph', text: inlineText(inline) });
          }
          break;
        }
        case 'text': // a list item's or block quote's loose text
          blocks.push({ kind: 'paragraph', text: inlineText((token as Tokens.Text).tokens ?? []) || decodeCharacterReferences(token.raw) });
          break;
        case 'blockquote':
          visit((token as Tokens.Blockquote).tokens);
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) visit(item.tokens);
          break;
        default:
          // code, table, hr, html, space, def: nothing to read.
          break;
      }
    }
  };
  visit(Lexer.lex(body, { gfm: true }));
  return articleFromBlocks(blocks, metadata, options);
}

/** The words of inline tokens: links as their text, marks dropped, images and tags skipped. */
function inlineText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'text':
          // The lexer leaves references in text as written; each is decoded once, here, after
          // the syntax is read, so "&#96;" is a backtick and never opens a code span.
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeCharacterReferences((token as Tokens.Text).text);
        case 'escape':
          return (token as Tokens.Escape).text;
        case 'codespan':
          return (token as Tokens.Codespan).text; // literal, as CommonMark shows it: no references inside
        case 'link':
        case 'em':
        case 'strong':
        case 'del':
          return inlineText((token as Tokens.Link).tokens);
        case 'br':
          return ' ';
        default:
          return ''; // image, html tag
      }
    })
    .join('');
}
