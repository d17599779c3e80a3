import { SaxesParser } from 'saxes';
import { NewscastError } from '../errors.js';
import { escapeXmlAttribute } from './xml.js';

/**
 * What the back half of the pipeline needs to know about the story, carried inside the script
 * as SSML <meta> elements, so `newscast render story.ssml` needs nothing but the script.
 */
export interface ScriptMetadata {
  title: string;
  show: string;
  source?: string;
  byline?: string;
  /** ISO 8601 date. */
  date?: string;
  description?: string;
  /** Where the article is published. */
  url?: string;
  /** Which article the script was made from (article-hash.ts): a re-render replaces that article's episode. */
  articleHash?: string;
}

const prefix = 'newscast:';
const keys = ['title', 'show', 'source', 'byline', 'date', 'description', 'url', 'articleHash'] as const;

/** The <meta> lines that open a script's <speak> element. */
export function metadataElements(metadata: ScriptMetadata): string[] {
  return keys.flatMap((key) => {
    const value = metadata[key];
    return value ? [`<meta name="${prefix}${key}" content="${escapeXmlAttribute(value)}"/>`] : [];
  });
}

/**
 * Reads the newscast <meta> elements back; a script without them yields an empty object. A script
 * that is not well-formed XML is an input error naming `sourceName`, line and column.
 */
export function readScriptMetadata(ssml: string, sourceName = 'script'): Partial<ScriptMetadata> {
  const found: Partial<Record<(typeof keys)[number], string>> = {};
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    if (tag.local !== 'meta') return;
    const name = tag.attributes['name']?.value ?? '';
    const key = keys.find((candidate) => prefix + candidate === name);
    const content = tag.attributes['content']?.value;
    if (key && content) found[key] = content;
  });
  // A script that is not well-formed is refused here already, with line and column, rather than
  // later as "the script has no title" when the break comes before the metadata.
  parser.on('error', (error) => {
    throw new NewscastError('input', `${sourceName}:${error.message}`, 'The script is not well-formed XML: fix it at that place and render again.');
  });
  if (ssml.trim() === '') return found; // the renderer says what an empty script lacks
  parser.write(ssml).close();
  return found;
}
