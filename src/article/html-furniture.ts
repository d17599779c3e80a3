/**
 * Furniture that Readability keeps inside the story it extracts, removed by the story's
 * structure (Readability is run with its classes kept, so the class words count here too):
 * - pictures with their captions: an element that holds an image and little text, and the
 *   line just after it when that is set apart as a caption;
 * - furniture by class or id ("caption", "newsletter", "related"), unless it holds a fair part
 *   of the story;
 * - lists and paragraphs that are mostly links (related headlines, "Read more" promos, share and
 *   reprint links), with the short label that introduces them ("Read more:", "Related"), and
 *   teasers: a linked headline with its small box (picture, kicker, blurb).
 */
import { isElement, type DomElement, type DomNode } from './dom.js';
import { hasFurnitureName, removeFurniture } from './html-clutter.js';

const media = 'img, picture, video, audio, iframe, svg, canvas, object, embed';
const textBlocks = new Set(['p', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'dd']);
/** At most this many letters around a linked headline make it a teaser for another story. */
const maxTeaserLetters = 600;
/** At most this many letters of text beside a picture make it a captioned picture, not a story part. */
const maxCaptionLetters = 300;

export function removeStoryFurniture(content: DomElement): void {
  for (const element of Array.from(content.querySelectorAll('figure, figcaption'))) element.remove();
  removeFurniture(content, Array.from(content.querySelectorAll('[class], [id]')).filter((element) => hasFurnitureName(element, true)));
  removeCaptionedPictures(content);
  removeLinkBlocks(content);
}

/** Elements holding a picture and no more text than a caption, e.g. <div><img><p>Caption</p></div>. */
function removeCaptionedPictures(content: DomElement): void {
  for (const picture of Array.from(content.querySelectorAll(media))) {
    if (!picture.parentElement) continue;
    if (removeHoverCard(picture)) continue;
    let unit: DomElement = picture;
    // Climb while the ancestor still holds nothing but the picture and one caption-sized text; a
    // paragraph with text beside a picture (an author's thumbnail in a link's pop-up) stays a
    // paragraph, one with nothing else (Readability makes <p>s of picture <div>s) goes.
    for (let parent = unit.parentElement; parent && parent !== content; parent = parent.parentElement) {
      const wrapsOnly = letters(parent) === letters(unit);
      const captioned = !textBlocks.has(parent.tagName.toLowerCase()) && letters(parent) <= maxCaptionLetters && textParagraphs(parent) <= 1;
      if (!wrapsOnly && !captioned) break;
      unit = parent;
    }
    if (!unit.parentElement) continue;
    const next = unit.nextElementSibling;
    unit.remove();
    if (next && isCaptionLike(next)) next.remove();
  }
}

/**
 * A pop-up card inside a sentence: a linked name whose card (picture, the name again, links to
 * other stories) the page writes inline. The card is the smallest element around the picture
 * with two links or more, widened while its parent holds nothing else; the sentence keeps the
 * name's own link, outside the card. Returns whether the picture was in such a card.
 */
function removeHoverCard(picture: DomElement): boolean {
  let block: DomElement | null = picture.parentElement;
  while (block && !textBlocks.has(block.tagName.toLowerCase())) block = block.parentElement;
  if (!block) return false;
  let card: DomElement | null = picture;
  while (card && card !== block && card.querySelectorAll('a').length < 2) card = card.parentElement;
  if (!card || card === block || !allLinks(card)) return false;
  for (let parent = card.parentElement; parent && parent !== block && letters(parent) === letters(card); parent = parent.parentElement) card = parent;
  card.remove();
  return true;
}

/** Whether all of an element's text is the text of its links. */
function allLinks(element: DomElement): boolean {
  const linked = Array.from(element.querySelectorAll('a')).reduce((sum, link) => sum + letters(link), 0);
  return linked >= letters(element);
}

/** How many paragraphs with text an element holds. */
function textParagraphs(element: DomElement): number {
  return Array.from(element.querySelectorAll('p')).filter((paragraph) => letters(paragraph) > 0).length;
}

/**
 * A picture's neighbour that reads as its caption: short, no picture of its own, not a sentence,
 * and set apart from the story's paragraphs: not a plain <p>, or a <p> whose text is all in one
 * styled element (<p><em>…</em></p>, <p><span class="…">…</span></p>). A plain paragraph of
 * the story that lacks its full stop is still read.
 */
function isCaptionLike(element: DomElement): boolean {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (text === '' || text.length >= 250 || element.querySelector(`${media}, h1, h2, h3, h4, h5, h6`) || /[.!?…"”’:]$/.test(text)) return false;
  const tag = element.tagName.toLowerCase();
  if (/^h[1-6]$/.test(tag) || tag === 'ul' || tag === 'ol' || tag === 'blockquote') return false;
  return tag !== 'p' || wrappedWhole(element);
}

/** Whether all of an element's text is inside its one child element. */
function wrappedWhole(element: DomElement): boolean {
  const children = Array.from(element.childNodes);
  const elements = children.filter(isElement);
  const ownText = children.filter((child) => !isElement(child)).some((child) => (child.textContent ?? '').trim() !== '');
  return elements.length === 1 && !ownText;
}

/** Lists whose items are mostly links, and paragraphs that are mostly link text. */
function removeLinkBlocks(content: DomElement): void {
  removeTeasers(content);
  for (const list of Array.from(content.querySelectorAll('ul, ol'))) {
    const items = Array.from(list.querySelectorAll('li'));
    if (items.length > 0 && items.filter((item) => linkDensity(item) >= 0.5).length >= items.length / 2) removeWithLabel(list);
  }
  for (const block of Array.from(content.querySelectorAll('p, h1, h2, h3, h4, h5, h6, dd, dt, div'))) {
    if (!block.parentElement || block.querySelector('p, div, ul, ol, table, blockquote')) continue;
    if (isLinkLine(block)) removeWithLabel(block);
  }
}

/**
 * A line of links: nearly all its text is linked, or it is mostly links with at most a label of a
 * few words around them ("Read more: <a>…</a>", "DON'T MISS <a>…</a> [VIDEO] <a>…</a>"). A story
 * sentence with several links has words of its own between them.
 */
function isLinkLine(element: DomElement): boolean {
  const density = linkDensity(element);
  if (density >= 0.9) return true;
  if (density < 0.5) return false;
  const words = unlinkedWords(element);
  return words.length <= 3 && words.join('').length <= 20; // letters too: Chinese or Japanese words have no spaces
}

/** Words of an element's text outside its links; tags in capitals or brackets ("DON'T MISS", "[VIDEO]") are no words. */
function unlinkedWords(element: DomElement): string[] {
  const words: string[] = [];
  const walk = (node: DomNode): void => {
    if (isElement(node)) {
      if (node.tagName.toLowerCase() !== 'a') for (const child of Array.from(node.childNodes)) walk(child);
      return;
    }
    const text = (node.textContent ?? '').replace(/\[[^\]]*\]/g, ' ');
    words.push(...text.split(/\s+/).filter((word) => /[\p{Ll}\p{Lo}]/u.test(word))); // capitals alone are a tag
  };
  walk(element);
  return words;
}

/**
 * Teasers for other stories: a headline that is a link, with the small box around it (kicker,
 * picture, one-paragraph blurb). A story's own sub-headings are not links.
 */
function removeTeasers(content: DomElement): void {
  for (const heading of Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    if (!heading.parentElement || !isLinkLine(heading)) continue;
    let unit = heading;
    // The box: ancestors with at most a kicker and a blurb besides the headline.
    for (
      let parent = unit.parentElement;
      parent && parent !== content && letters(parent) <= maxTeaserLetters && textParagraphs(parent) <= 2 && parent.querySelectorAll('h1, h2, h3, h4, h5, h6').length === 1;
      parent = parent.parentElement
    ) {
      unit = parent;
    }
    unit.remove();
  }
}

/** Removes `block` and a short label just before it ("Read more:", "Related", "See also"). */
function removeWithLabel(block: DomElement): void {
  const label = block.previousElementSibling;
  block.remove();
  if (!label || label.querySelector(media)) return;
  const text = (label.textContent ?? '').trim();
  if (text !== '' && text.length <= 40 && (/:$/.test(text) || !/[.!?…"”’]$/.test(text)) && text.split(/\s+/).length <= 5) label.remove();
}

/** The share of an element's letters that are inside links. */
function linkDensity(element: DomElement): number {
  const total = letters(element);
  if (total === 0) return 0;
  const linked = Array.from(element.querySelectorAll('a')).reduce((sum, link) => sum + letters(link), 0);
  return linked / total;
}

function letters(element: DomElement): number {
  return (element.textContent ?? '').replace(/[\s\p{P}]+/gu, '').length;
}
