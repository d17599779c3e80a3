/**
 * Photo captions that exports put before the story, e.g. "AIN AL-ASAD. Military vehicles of US
 * soldiers are seen at the al-Asad air base in Anbar province, Iraq, January 13, 2020."
 */
import { endsWithDate } from './dates.js';

export interface Caption {
  text: string;
  /** The ALL-CAPS place that opens the caption, e.g. "AIN AL-ASAD". */
  place?: string;
}

/** An ALL-CAPS place of 3+ letters, a full stop, then a capitalised sentence. */
const capsPlace = /^([A-Z][A-Z'’ -]*[A-Z])\.\s+(?=["“]?[A-Z0-9])/;
const photoWording =
  /\b(?:(?:is|are|was|were) (?:seen|pictured|shown|photographed)|pictured|photos?|file photo|photograph(?:ed)?|image|(?:Reuters|AFP|AP|Getty Images|EPA)\s*\/)\b|^(?:caption|credit)\s*:/i;

/**
 * Returns the caption when `paragraph` is one. Two of these three signs are needed, so a lead
 * that happens to end with a date is not taken for a caption: an ALL-CAPS place opening it,
 * photo wording ("are seen", "pictured", "file photo"), a date closing it.
 */
export function parseCaption(paragraph: string): Caption | undefined {
  if (paragraph.length > 400) return undefined;
  const place = capsPlace.exec(paragraph)?.[1];
  const hasPlace = place !== undefined && place.replace(/[^A-Z]/g, '').length >= 3;
  const signs = [hasPlace, photoWording.test(paragraph), endsWithDate.test(paragraph)].filter(Boolean).length;
  if (signs < 2) return undefined;
  return hasPlace ? { text: paragraph, place } : { text: paragraph };
}
