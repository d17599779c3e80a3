/**
 * The dateline that opens many wire stories: "WASHINGTON — The…", "LONDON (Reuters) - The…",
 * "SAN FRANCISCO, Calif. (AP) — The…".
 */

export interface Dateline {
  place: string;
  /** The agency in brackets, e.g. "Reuters" from "LONDON (Reuters) -". */
  agency?: string;
  /** The paragraph without its dateline. */
  rest: string;
}

// ALL-CAPS place, optional ", State." qualifier, optional "(Agency)", then a dash.
const datelinePattern =
  /^([A-Z][A-Z.'’ -]*[A-Z.])(?:,\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\(([^()]{1,30})\))?\s*[—–-]{1,2}\s+(?=\S)/;

export function parseDateline(paragraph: string): Dateline | undefined {
  const match = datelinePattern.exec(paragraph);
  const place = match?.[1]?.trim();
  if (!match || !place || place.replace(/[^A-Z]/g, '').length < 2) return undefined;
  const agency = match[2]?.trim();
  const rest = paragraph.slice(match[0].length);
  return agency ? { place, agency, rest } : { place, rest };
}
