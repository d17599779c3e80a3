import { SaxesParser } from 'saxes';
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
}

const prefix = 'newscast:';
const keys = ['title', 'show', 'source', 'byline', 'date', 'description'] as const;

/** The <meta> lines that open a script's <speak> element. */
export function metadataElements(metadata: ScriptMetadata): string[] {
  return keys.flatMap((key) => {
    const value = metadata[key];
    return value ? [`<meta name="${prefix}${key}" content="${escapeXmlAttribute(value)}"/>`] : [];
  });
}

/** Reads the newscast <meta> elements back; a script without them yields an empty object. */
export function readScriptMetadata(ssml: string): Partial<ScriptMetadata> {
  const found: Partial<Record<(typeof keys)[number], string>> = {};
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    if (tag.local !== 'meta') return;
    const name = tag.attributes['name']?.value ?? '';
    const key = keys.find((candidate) => prefix + candidate === name);
    const content = tag.attributes['content']?.value;
    if (key && content) found[key] = content;
  });
  // Well-formedness is the renderer's job, with line and column; here a broken script has no metadata.
  parser.on('error', () => undefined);
  try {
    parser.write(ssml).close();
  } catch {
    // saxes may still throw after an error; the renderer reports it properly.
  }
  return found;
}
