import { SaxesParser } from 'saxes';
import { z } from 'zod';
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
  /**
   * The built-in template the script was written for (its lines, and for a bulletin whether its
   * transition clip or spoken words go between stories): render uses it when not given --template.
   */
  template?: string;
  /** A bulletin's stories, in the order read; each story's chapter is the one titled by its title. */
  stories?: StoryMetadata[];
  /** A bulletin's articles that could not be read (`--skip-bad`), and why. */
  leftOut?: LeftOutStory[];
}

const storySchema = z.strictObject({
  title: z.string().min(1),
  source: z.string().optional(),
  byline: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});
/** A left-out article by file name only, and why without its path: the script and manifest are published. */
const leftOutSchema = z.strictObject({ article: z.string(), kind: z.enum(['input', 'usage', 'dependency']).optional(), reason: z.string() });

export type StoryMetadata = z.infer<typeof storySchema>;
export type LeftOutStory = z.infer<typeof leftOutSchema>;

/** Meta elements that come once per item, each item's content a JSON object. */
const listKeys = { stories: ['story', storySchema], leftOut: ['leftOut', leftOutSchema] } as const;

const prefix = 'newscast:';
const keys = ['title', 'show', 'source', 'byline', 'date', 'description', 'url', 'articleHash', 'template'] as const;

/** The <meta> lines that open a script's <speak> element. */
export function metadataElements(metadata: ScriptMetadata): string[] {
  const element = (name: string, content: string) => `<meta name="${prefix}${name}" content="${escapeXmlAttribute(content)}"/>`;
  const single = keys.flatMap((key) => {
    const value = metadata[key];
    return value ? [element(key, value)] : [];
  });
  const lists = (Object.keys(listKeys) as (keyof typeof listKeys)[]).flatMap((key) => (metadata[key] ?? []).map((item) => element(listKeys[key][0], JSON.stringify(item))));
  return [...single, ...lists];
}

/**
 * Reads the newscast <meta> elements back; a script without them yields an empty object. A script
 * that is not well-formed XML is an input error naming `sourceName`, line and column.
 */
export function readScriptMetadata(ssml: string, sourceName = 'script'): Partial<ScriptMetadata> {
  const found: Partial<ScriptMetadata> = {};
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('opentag', (tag) => {
    if (tag.local !== 'meta') return;
    const name = tag.attributes['name']?.value ?? '';
    const key = keys.find((candidate) => prefix + candidate === name);
    const content = tag.attributes['content']?.value;
    if (key && content) found[key] = content;
    const listKey = (Object.keys(listKeys) as (keyof typeof listKeys)[]).find((candidate) => prefix + listKeys[candidate][0] === name);
    if (listKey && content) (found[listKey] ??= []).push(listItem(content, listKeys[listKey][1], `${sourceName}:${parser.line}:${parser.column}: the content of <meta name="${name}">`) as never);
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

/** One <meta name="newscast:story"> (or leftOut) content: a JSON object of the schema's fields. */
function listItem(content: string, schema: z.ZodType, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    value = undefined;
  }
  const checked = schema.safeParse(value);
  if (checked.success) return checked.data;
  throw new NewscastError('input', `${what} is not the JSON object newscast wrote there.`, 'Fix it at that place (a story is {"title": "…", "source": "…", …}, its quotes written &quot;), or remove the element.');
}
