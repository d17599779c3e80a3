/** An article as the script stage needs it, whatever format it came from. */
export interface Article {
  title: string;
  /** "By Jane Doe", without the "By". */
  byline?: string;
  /** Who published it, e.g. "Rappler.com"; said in the outro, never read in the body. */
  source?: string;
  /** Publication date, ISO 8601 (YYYY-MM-DD), when known. */
  date?: string;
  /** The place line that opens many wire stories, e.g. "AIN AL-ASAD". */
  dateline?: string;
  /** Where the article is published (canonical URL), when the page or front matter says. */
  url?: string;
  /** A photo caption or standfirst found before the story proper. */
  caption?: string;
  sections: Section[];
}

export interface Section {
  heading?: string;
  paragraphs: string[];
}
