/**
 * An article's HTML (Readability's cleaned content) as headings and paragraphs. Everything that
 * is not running text is dropped here even if Readability kept it: figures and captions,
 * images and media, tables, code, forms, navigation, asides, scripts and styles.
 */
import { isElement, textNode, type DomNode } from './dom.js';
import type { Block } from './structured.js';

const dropped = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'header', 'figure', 'figcaption',
  'img', 'picture', 'video', 'audio', 'iframe', 'svg', 'canvas', 'form', 'button', 'input', 'select',
  'textarea', 'table', 'pre', 'object', 'embed', 'math', 'dialog',
]);
const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that end the running paragraph: their text never joins a neighbour's. */
const blockElements = new Set([
  'p', 'div', 'section', 'article', 'main', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'body',
  'address', 'hr', 'details', 'summary',
]);

export function htmlBlocks(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let paragraph = '';
  let listDepth = 0;
  const flush = (): void => {
    // A page's text may run two sentences together ("… physician.Police arrested …"): a full stop
    // after a lower-case word and before a capitalised one gets its space back.
    // Not inside an address ("www.RiversideClinic.org").
    const text = paragraph.replace(/(\p{Ll}{2,}\.)(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}]*\.\p{L})/gu, '$1 $2');
    if (text.trim() !== '') blocks.push(listDepth > 0 ? { kind: 'paragraph', text, listItem: true } : { kind: 'paragraph', text });
    paragraph = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === textNode) {
      paragraph += node.textContent ?? '';
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toLowerCase();
    if (dropped.has(tag) || node.getAttribute('hidden') !== null || node.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'br') {
      paragraph += ' ';
      return;
    }
    if (headings.has(tag)) {
      flush();
      blocks.push({ kind: 'heading', text: node.textContent ?? '' });
      return;
    }
    const isBlock = blockElements.has(tag);
    if (isBlock) flush();
    if (tag === 'li') listDepth++;
    for (const child of Array.from(node.childNodes)) walk(child);
    if (isBlock) flush();
    if (tag === 'li') listDepth--;
  };
  walk(root);
  flush();
  return blocks;
}
