// The template's spoken intro and outro lines, filled in for one episode. Lives with the template
// so every stage reads placeholders the same way; the script stage calls it.

export interface LineValues {
  title: string;
  show: string;
  source?: string;
  /** As it should be spoken, e.g. "November 21, 2023". */
  date?: string;
  byline?: string;
}

/**
 * Replaces {title}, {source}, {date}, {show} and {byline} in each sentence. A sentence that names a value the
 * episode does not have ("From {source}." for an article without a source) is left out whole.
 */
export function fillSpokenLines(lines: readonly string[], values: LineValues): string[] {
  const filled: string[] = [];
  for (const line of lines) {
    let missing = false;
    const text = line.replace(/\{(title|source|date|show|byline)\}/g, (_, key: keyof LineValues) => {
      const value = values[key]?.trim();
      if (!value) missing = true;
      return value ?? '';
    });
    if (!missing) filled.push(text);
  }
  return filled;
}
