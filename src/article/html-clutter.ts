/**
 * Page furniture removed before Readability looks for the article. Readability scores most of
 * it out, but a newsletter box or share bar inside <article> survives its scoring, and it
 * strips class names from what it returns, so the cleaning must happen first.
 */
import type { DomDocument, DomElement } from './dom.js';

const clutterElements = 'script, style, noscript, template, nav, aside, footer, form, button, iframe, dialog, [role="dialog"], [role="navigation"], [role="complementary"], [aria-hidden="true"], [hidden]';

/** Class or id words that mark furniture: one word of "ad-slot", "share_buttons", "cookie-banner". */
const clutterWords = new Set([
  'ad', 'ads', 'advert', 'adverts', 'advertisement', 'sponsor', 'sponsored', 'promo', 'newsletter', 'signup',
  'subscribe', 'subscription', 'paywall', 'cookie', 'cookies', 'consent', 'gdpr', 'share', 'sharing', 'social',
  'related', 'recommended', 'outbrain', 'taboola', 'breadcrumb', 'breadcrumbs', 'comments', 'popup', 'modal',
]);

export function removeClutter(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(clutterElements))) remove(element);
  for (const element of Array.from(document.querySelectorAll('[class], [id]'))) {
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase().split(/[\s_-]+/);
    if (words.some((word) => clutterWords.has(word))) remove(element);
  }
}

function remove(element: DomElement): void {
  // Never the page itself, even if a site puts "share" in the body's class.
  const tag = element.tagName.toLowerCase();
  if (tag !== 'html' && tag !== 'body' && tag !== 'main' && tag !== 'article') element.remove();
}
