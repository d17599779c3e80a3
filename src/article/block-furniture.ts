/**
 * The lines of a web page's story that are not story, found by their form once the page is
 * text (HTML, after Readability and the structural rules of html-furniture.ts):
 * - lines that are not sentences: fragments of one to three words without a full stop
 *   ("Advert", "Caption", "Close"), bare web addresses, lines wholly in brackets ("[VIDEO]",
 *   "(AP Photo/Jane Roe)", not a bracketed sentence), lines in capitals ("DON'T MISS: …"), lines
 *   of pipe-separated items ("Jane Roe | Bloomberg | Getty Images");
 * - label lines: a word or two and a colon, then no sentence ("Source: Reuters", "Score: 8/10",
 *   "Pros: light; quiet", "WATCH: the goal"), picture credits ("© Provided by …") and captions
 *   closing on one ("… in Leeds. (Image: Getty)"), copyright lines, gallery counters ("Image 2 of 9");
 * - byline and timestamp lines ("By Jane Roe - 11/18/19 11:04 PM EST", "Updated 10:01 pm PST");
 * - calls to action and small print: a short line with one of their signs and no full stop
 *   ("Continue reading the main story"), a short paragraph that speaks to the reader (you, our) or
 *   gives an address, with two or more of their signs (sign up, subscribe, newsletter, inbox,
 *   follow us, e-mail addresses and handles, terms of use, privacy, cookies, copyright…), a
 *   short line with an e-mail address that speaks to the reader or opens "Write…"/"Email…", the print-edition trailer, the "… contributed reporting" and "… contributed to this
 *   report" line; a short line opening with an imperative (follow, listen, download…) that names
 *   where to go (a social network, an address, "here", "our app"); a short line to the reader
 *   that is no sentence ("You may also like…");
 * - boilerplate repeated on the page: a short line, not a sentence, that occurs more than once
 *   (the items of a list that the page shows twice are heard once).
 * Headings: one that is only a timestamp, a label ending in a colon ("More:") or a call to action
 * ("Story continues below gallery") is dropped (one that is prose is read as a paragraph by
 * articleFromBlocks).
 */
import type { Block } from './structured.js';
import { hasDateOrTime, isTimestamp } from './dates.js';
import { normalizeWhitespace } from './text-cleanup.js';

/** Lines up to this long, not sentences, that the page repeats are boilerplate. */
const maxRepeatedLength = 200;

export function storyBlocks(blocks: Block[]): Block[] {
  const texts = blocks.map((block) => normalizeWhitespace(block.text));
  const occurrences = new Map<string, number>();
  for (const text of texts) occurrences.set(text, (occurrences.get(text) ?? 0) + 1);
  const seen = new Set<string>();
  const kept: Block[] = [];
  blocks.forEach((block, index) => {
    const text = texts[index] ?? '';
    if (text === '' || isTimestamp(text)) return;
    const heardBefore = seen.has(text);
    seen.add(text);
    if (text.length <= maxRepeatedLength && !sentenceEnd.test(text) && (occurrences.get(text) ?? 0) > 1) {
      // Boilerplate (share labels, credits) goes; a list the page shows twice is heard once.
      const listItem = block.kind === 'paragraph' && block.listItem === true;
      if (!listItem || heardBefore) return;
    }
    // A heading that is prose becomes a paragraph later, in articleFromBlocks (structured.ts).
    if (block.kind === 'heading') {
      if (isFurnitureHeading(text)) return;
      kept.push({ kind: 'heading', text });
      return;
    }
    if (!isFurnitureLine(text, block.listItem === true)) kept.push({ kind: 'paragraph', text });
  });
  return kept;
}

/** A full stop, question or exclamation mark, perhaps inside closing quotes; an ellipsis trails off instead. */
const sentenceEnd = /(?<!\.\.)[.!?。！？]["”’」)\]]*$/;
const wholeInBrackets = /^(?:\[[^\]]*\]|\([^()]*[^.!?]\))$/;
const capitalsOnly = /^[^\p{Ll}]*$/u;
/** "Score: 8/10"; not an interview's "Q:" and "A:". */
const labelLine = /^[\p{L}'’]{2,}(?: [\p{L}'’]+){0,2}\s?:\s*\S/u;
const creditLabel = /^(?:(?:photo(?:graph)?s?|images?|pictures?|credits?|source|via|video|gallery|watch)\s*:|(?:image|media) (?:source|caption)\s*[:,])/i;
const copyrightLine = /^(?:\(?(?:image|photo|picture)s?:?\s*)?(?:©|ⓒ|\(c\)\s|copyright\s*(?:©|ⓒ|\(c\)|\d{4}))/i;
const closingCredit = /\((?:[^()]*\b(?:photos?|images?|pictures?|photograph(?:ed|er)?|getty|file)\b[^()]*)\)$/i;
const galleryCounter = /^(?:image|photo|picture|slide)s?\s*\d+\s*(?:of|\/)\s*\d*/i;
const webAddress = /^(?:https?:\/\/|www\.)\S+$/i;
/**
 * Where the story ran in print, who else reported it: trailers after the story, said from their first
 * words ('A version of this article appears in print…', 'Appeared in the May 2, 2024, print edition…',
 * 'AP writers … contributed to this report.'), so a story about print editions is kept.
 */
const trailer = /^(?:an? [\w ]{0,20}?version of )?(?:this|the) (?:article|story|report)\b[^!?]{0,30}?\b(?:appears?|appeared|ran) in (?:the )?print\b|^(?:appeared|ran) in the\b[^!?]{0,40}\bprint edition\b|^[^.!?]{3,150}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b[^.!?]{0,40}[.!?]?$/i;
/** Print trailers carry the story's headline ('… with the headline: …'), so they may run past a short line. */
const maxTrailerLength = 300;
/** 'Maria Lopez contributed reporting from Lisbon.', 'Tom Reyes contributed research.': one short sentence. */
const contributorTrailer = /^[^.!?]{3,80}\bcontributed (?:additional )?(?:reporting|research)\b[^.!?]{0,60}[.!?]?$/i;

/** Words that speak to the reader. */
const speaksToReader = /\b(?:you|your|our|us)\b/i;
/** An e-mail address, a handle, a web address, "this website". */
const emailAddress = /[\w.+-]+@[\w-]+\.\w/;
/** A line that opens by inviting the reader to write: "Write to Jane Roe at …", "Email tips to …". */
const writeOpening = /^(?:write|e-?mail|contact|reach)\b/i;
const contactSigns = [emailAddress, /(?:^|\s)@\w{2,}/, /https?:\/\//, /\bthis (?:website|site)\b/i];
/** Signs of small print; two of them in a short paragraph make it furniture. */
const legalSigns = [
  /\bterms (?:of|and) (?:use|service|conditions)\b/i,
  /\bprivacy (?:policy|notice|statement)\b/i,
  /\bcookies?\b/i,
  /\bcopyright\b|©/i,
  /\ball rights reserved\b/i,
  /\bwithout (?:the )?(?:prior )?(?:written )?permission\b/i,
];
/** Signs of a call to action or small print; two of them in a short paragraph that speaks to the reader make it furniture. */
const actionSigns = [
  ...contactSigns,
  /\bsign(?:ing)?[ -]?up\b/i,
  /\bsubscri(?:be|bed|ber|bers|ption)\b/i,
  /\bnewsletters?\b/i,
  /\binbox\b/i,
  /\bfollow (?:us|him|her|me|them)\b/i,
  /\b(?:e-?mail|write to|reach) (?:him|her|us|me|them|the (?:author|writer|reporters?))\b|\bmay be reached\b/i,
  ...legalSigns,
  /\b(?:affiliate|commission)\b/i,
  /\bclick here\b/i,
  /\b(?:continues? (?:below|after)|advertisement|(?:listen to|share|print|save) (?:this|the|full) (?:article|story))\b/i,
  /\bcontinue reading\b/i,
  /\bread more\b/i,
];

/** A line that tells the reader to go somewhere: follow, listen, download… */
const imperativeOpening = /^(?:follow|join|like|listen|watch|subscribe|sign up|download|get|read|see|find|contact|visit|check out|click|tap|tune in)\b/i;
/** Where such a line sends the reader: a social network, an address, "here", "our app". */
const destination = /\b(?:facebook|instagram|twitter|youtube|tiktok|snapchat|linkedin|whatsapp|bluesky)\b|https?:\/\/|\bwww\.|\bhere\W*$|\bour (?:[\w-]+ ){0,2}?(?:apps?|website|site|newsletters?|podcasts?|channels?|page|feeds?|coverage|live ?blog|e-?paper|account)\b/i;

/** Whether a paragraph is furniture; a list's items may be short without being fragments. */
export function isFurnitureLine(text: string, listItem = false): boolean {
  const wordCount = words(text);
  const ended = sentenceEnd.test(text);
  if (!listItem && wordCount <= 3 && text.length < 30 && !ended) return true;
  if (webAddress.test(text) || wholeInBrackets.test(text) || galleryCounter.test(text)) return true;
  if (text.length < 200 && !ended && wordCount >= 2 && capitalsOnly.test(text) && /\p{Lu}{2}/u.test(text)) return true;
  if (text.length < 150 && (creditLabel.test(text) || copyrightLine.test(text))) return true;
  if (text.length < 150 && labelLine.test(text) && !ended) return true;
  if (text.length < 400 && closingCredit.test(text)) return true;
  if (isBylineLine(text) || (text.length < maxTrailerLength && trailer.test(text))) return true;
  if (text.length < 150 && contributorTrailer.test(text)) return true; // 'Maria Lopez contributed reporting from Lisbon.'
  if (text.length < 200 && !ended && / \| /.test(text)) return true; // "Jane Roe | Bloomberg | Getty Images"
  // A call to action speaks to the reader, or gives an address; a story about subscriptions does not.
  const addressed = speaksToReader.test(text) || contactSigns.some((sign) => sign.test(text));
  // Small print: two of its signs in a line to the reader, or three anywhere ("Copyright … All rights reserved … without permission").
  const legal = legalSigns.filter((sign) => sign.test(text)).length;
  // "Write to Jane Roe at jane@example.com"; not 'Police asked anyone … to email tips@police.example.org.'
  if (text.length < 150 && emailAddress.test(text) && (speaksToReader.test(text) || writeOpening.test(text))) return true;
  if (text.length < 300 && (legal >= 3 || (legal >= 2 && addressed))) return true;
  const signs = actionSigns.filter((sign) => sign.test(text)).length;
  if (signs >= 1 && !ended && text.length < 60) return true; // "Continue reading the main story", "Follow us on Twitter"
  if (text.length < 200 && imperativeOpening.test(text) && destination.test(text)) return true; // "Follow Harbour Radio on Instagram and YouTube."
  if (!ended && wordCount <= 6 && /^you\b/i.test(text)) return true; // "You may also like…"
  return addressed && ((signs >= 2 && text.length < 300) || (signs >= 3 && text.length < 600));
}

/** Calls to action that a page sets as headings ("Read more", "Story continues below gallery"). */
const headingActionSigns = /\b(?:continues? (?:below|after)|continue reading|read more|sign(?:ing)?[ -]?up|click here|advertisement)\b/i;

/** A heading that titles nothing of the story: a label left by a list that is gone ("More:"), a call to action. */
function isFurnitureHeading(text: string): boolean {
  return (/:$/.test(text) && words(text) <= 3) || (text.length < 60 && headingActionSigns.test(text));
}

/** "By Jane Roe - 11/18/19 11:04 PM EST", "Published 4:00 am CST, Wednesday, November 20, 2019". */
function isBylineLine(text: string): boolean {
  if (text.length > 150 || !hasDateOrTime(text)) return false;
  return /^(?:published|updated|posted|first published|last updated|modified)\b/i.test(text) || (/^by\s/i.test(text) && !/[.!?]$/.test(text.replace(/\b[ap]\.m\.$/i, '')));
}

function words(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
