/**
 * The dateline that opens many wire stories: "WASHINGTON — The…", "LONDON (Reuters) - The…",
 * "SAN FRANCISCO, Calif. (AP) — The…".
 */

export interface Dateline {
  /** None when the dateline is only the agency: "(Wire)The mayor said…". */
  place?: string;
  /** The agency in brackets, e.g. "Reuters" from "LONDON (Reuters) -". */
  agency?: string;
  /** The paragraph without its dateline. */
  rest: string;
}

// ALL-CAPS place, optional ", State." qualifier, optional "(Agency)", then a dash.
const datelinePattern =
  /^([A-Z][A-Z.'’ -]*[A-Z.])(?:,\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\(([^()]{1,30})\))?\s*[—–-]{1,2}\s+(?=\S)/;

/**
 * A dateline whose dash the page dropped: "(Agency)" glued to the story's first word, after a place
 * in title case or none ("Hong Kong (Wire Business)Shares fell…", "(Wire)The mayor said…").
 */
const gluedDatelinePattern = /^(?:([\p{Lu}][\p{L}.'’ -]{0,40}?),?\s*)?\(([\p{Lu}][\p{L} ]{1,28})\)(?=[\p{Lu}“"‘])/u;

export function parseDateline(paragraph: string): Dateline | undefined {
  const glued = gluedDatelinePattern.exec(paragraph);
  if (glued?.[2]) {
    const place = glued[1]?.trim();
    const rest = paragraph.slice(glued[0].length);
    return place ? { place, agency: glued[2].trim(), rest } : { agency: glued[2].trim(), rest };
  }
  const match = datelinePattern.exec(paragraph);
  const place = match?.[1]?.trim();
  if (!match || !place || place.replace(/[^A-Z]/g, '').length < 2) return undefined;
  const agency = match[2]?.trim();
  const rest = paragraph.slice(match[0].length);
  return agency ? { place, agency, rest } : { place, rest };
}
