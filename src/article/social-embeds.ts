/**
 * Social-media posts embedded in a story. The networks' embed code writes a blockquote: the
 * post's text (with a link to its picture), then a signature, "— Name (@handle) date". A
 * newsreader says who posted and what they wrote; the picture's address, the handle and the date
 * are for the eye. Found by that signature, not by the network's class names.
 */
import type { DomElement } from './dom.js';
import { normalizeWhitespace } from './text-cleanup.js';

/** "— Jane Roe (@janeroe) March 4, 2025" closing the blockquote. */
const signature = /[—–-]\s*([^()—–]{1,80}?)\s*\(@\w{1,30}\)\s*[^()]{0,40}$/;
const signatureLine = new RegExp(`^${signature.source}`);
/** A picture's or a short link's address standing for itself as a link's text. */
const linkAddress = /^(?:pic\.twitter\.com\/\S+|https?:\/\/\S+)$/;

export function speakSocialEmbeds(content: DomElement): void {
  for (const quote of Array.from(content.querySelectorAll('blockquote'))) {
    const author = signature.exec(normalizeWhitespace(quote.textContent ?? ''))?.[1];
    const paragraphs = Array.from(quote.querySelectorAll('p'));
    // Readability may have set the signature in a paragraph of its own.
    if (paragraphs.length > 1 && signatureLine.test(normalizeWhitespace(paragraphs.at(-1)?.textContent ?? ''))) paragraphs.pop()?.remove();
    const last = paragraphs.at(-1);
    if (!author || !last) continue;
    // The signature is what follows the post's last paragraph, at any depth within the blockquote.
    for (let element: DomElement | null = last; element && element !== quote; element = element.parentElement) {
      for (let node = element.nextSibling; node; ) {
        const next = node.nextSibling;
        node.remove();
        node = next;
      }
    }
    for (const link of Array.from(quote.querySelectorAll('a'))) {
      if (linkAddress.test(normalizeWhitespace(link.textContent ?? ''))) link.remove();
    }
    paragraphs[0]?.prepend(`${author} posted: `);
  }
}
