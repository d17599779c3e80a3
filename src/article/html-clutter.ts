/**
 * Page furniture removed before Readability looks for the article, so that a newsletter box or
 * a share bar inside <article> cannot win or join its scoring. Nothing that holds a fair part of
 * the page's paragraph text is removed here, whatever its markup says: some sites wrap the whole
 * page in a <form>, or put "has-ads" or "share" in the class of the story's own container.
 */
import type { DomDocument, DomElement } from './dom.js';

/** Never text for a listener, wherever they are. */
const neverText = 'script, style, noscript, template, svg, canvas, iframe, object, embed';
/** Page structure and widgets that are furniture unless they hold the story itself. */
const furnitureElements =
  'nav, aside, footer, form, button, select, dialog, [role="dialog"], [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], [hidden]';

/**
 * Class or id words that mark furniture: one word of "ad-slot", "share_buttons", "cookie-banner",
 * "inline-signup", "photo-credit". Readability knows some of them; it does not know captions,
 * credits, print trailers, score boxes or paywall offers.
 */
const furnitureWords = new Set([
  'ad', 'ads', 'advert', 'adverts', 'advertisement', 'sponsor', 'sponsored', 'promo', 'promotion', 'newsletter', 'newsletters',
  'signup', 'subscribe', 'subscription', 'paywall', 'cookie', 'cookies', 'consent', 'gdpr', 'share', 'sharing', 'social',
  'related', 'recommended', 'outbrain', 'taboola', 'breadcrumb', 'breadcrumbs', 'comments', 'popup', 'modal', 'caption',
  'credit', 'credits', 'bio', 'gallery', 'slideshow', 'print', 'reprint', 'reprints', 'rating', 'verdict',
  'tags', 'toolbar', 'disclaimer', 'legal', 'skip',
]);

/** The largest share of the page's paragraph text that an element removed as furniture may hold. */
const maxFurnitureShare = 0.3;

export function removeClutter(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(neverText))) element.remove();
  const root = document.body ?? document.documentElement;
  removeFurniture(root, Array.from(root.querySelectorAll(furnitureElements)));
  removeFurniture(root, Array.from(root.querySelectorAll('[class], [id]')).filter((element) => hasFurnitureName(element)));
}

/**
 * Words that mark furniture once the story is found: the author's box and byline. Before
 * Readability runs they must stay, as it reads the byline from them.
 */
const storyFurnitureWords = new Set(['author', 'byline']);

/** Whether an element's class or id has one of the furniture words (and, in the story, the author's words). */
export function hasFurnitureName(element: DomElement, inStory = false): boolean {
  // A quotation embedded from a social network is part of the story, whatever its box is called.
  if (element.querySelector('blockquote')) return false;
  const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase().split(/[\s_-]+/);
  return words.some((word) => furnitureWords.has(word) || (inStory && storyFurnitureWords.has(word)));
}

/** Removes each of `elements` that holds only a small share of `root`'s paragraph text. */
export function removeFurniture(root: DomElement, elements: DomElement[]): void {
  const total = paragraphTextLength(root);
  for (const element of elements) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article') continue;
    if (!element.parentElement) continue; // already gone with an ancestor
    if (total > 0 && paragraphTextLength(element) > maxFurnitureShare * total) continue;
    element.remove();
  }
}

/** Letters in <p> elements (or in the element itself, when it has no <p>): the running text. */
function paragraphTextLength(element: DomElement): number {
  const paragraphs = Array.from(element.querySelectorAll('p'));
  const texts = paragraphs.length > 0 ? paragraphs.map((paragraph) => paragraph.textContent ?? '') : [element.textContent ?? ''];
  return texts.reduce((sum, text) => sum + text.replace(/\s+/g, '').length, 0);
}
