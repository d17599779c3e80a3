/**
 * Article → SSML 1.1 script. Pretty-printed for a person to edit: one element per line, one
 * paragraph per line. Every chapter and every sentence opens with a <mark> (names from marks.ts)
 * that the renderer times; a 500 ms break separates chapters. Sentence and paragraph pauses come
 * from </s> and </p> in the renderer, so none are written here.
 */
import type { Article } from '../article/article.js';
import { NewscastError } from '../errors.js';
import { planChapters } from './chapters.js';
import { checkArticleLength } from './length-limit.js';
import { defaultLines, fillSpokenLines, titleRepeatsLead, type LineValues } from './intro-outro.js';
import { chapterMarkName, sentenceMarkName } from './marks.js';
import { articleHash } from './article-hash.js';
import { metadataElements } from './metadata.js';
import { defaultLexicon } from './lexicon/default-lexicon.js';
import type { Lexicon } from './lexicon/lexicon.js';
import { sentenceSsmlWithQuotes, type SentenceOptions } from './sentence-ssml.js';
import { splitSentences } from './sentences.js';
import { callSsmlBuilder } from './ssml-builder.js';
import { escapeXmlAttribute } from './xml.js';

export interface ScriptOptions {
  /** Said in the intro and the outro. */
  showName: string;
  /** BCP 47 language tag of the article; default "en-US". */
  language?: string;
  /** Pronunciations to apply; default: the shipped default lexicon. */
  lexicon?: Lexicon;
  /** A voice name for direct quotations (`--quote-voice`); none: one voice throughout. */
  quoteVoice?: string;
  /** The template's spoken intro and outro lines, with {title}-style placeholders. */
  lines?: { intro: readonly string[]; outro: readonly string[] };
  /** The built-in template's name, recorded in the script for render (none for a template folder). */
  template?: string;
  /** Told the share of chapters written so far, from 0 to 1: a long article takes seconds. */
  onProgress?: (fraction: number) => void;
}

export const chapterBreak = '<break time="500ms"/>';

/**
 * A stretch of the script between two chapter breaks: a chapter (opened by its chapter mark), or
 * an untitled stretch opened by other marks (a bulletin's transition between stories).
 */
export interface ScriptBlock {
  /** The chapter's title; none: the block belongs to the chapter before it. */
  title?: string;
  /** Marks written before any speech, e.g. the transition mark. */
  marks?: string[];
  paragraphs: string[][]; // sentences of each paragraph
}

export function buildScript(article: Article, options: ScriptOptions): string {
  checkArticleLength(article);
  const showName = checkedShowName(options.showName);
  const lines = options.lines ?? defaultLines;
  // A title made from the lead is not said just before the lead: lines naming it are left out,
  // so the intro names the show and the source and goes on to the story.
  const lead = article.sections.find((section) => section.paragraphs.length > 0)?.paragraphs[0] ?? '';
  const spokenTitle = titleRepeatsLead(article.title, lead) ? '' : article.title;
  const values: LineValues = { title: spokenTitle, show: showName, source: article.source, byline: article.byline, date: article.date };
  const blocks: ScriptBlock[] = [
    { title: 'Introduction', paragraphs: [fillSpokenLines(lines.intro, values)] },
    ...planChapters(article.sections.map(withSpokenHeading)).map((chapter) => ({ title: chapter.title, paragraphs: chapter.paragraphs.map(splitSentences) })),
    { title: 'Outro', paragraphs: [fillSpokenLines(lines.outro, values)] },
  ];
  const meta = {
    title: article.title,
    show: showName,
    source: article.source,
    byline: article.byline,
    date: article.date,
    description: article.sections[0]?.paragraphs[0],
    url: article.url,
    articleHash: articleHash(article),
    template: options.template,
  };
  return scriptDocument(blocks, metadataElements(meta), options);
}

/** The show's name on one line; refused when empty. */
export function checkedShowName(name: string): string {
  const showName = name.replace(/\s+/g, ' ').trim();
  if (showName === '') throw new NewscastError('usage', 'The show name is empty.', 'Give the show a name (the template sets it).');
  return showName;
}

/**
 * The SSML document: the <meta> lines, then each block with its marks and paragraphs, blocks
 * separated by a chapter break. Blocks with nothing to say and no mark to set are left out.
 */
export function scriptDocument(allBlocks: ScriptBlock[], meta: string[], options: Pick<ScriptOptions, 'language' | 'lexicon' | 'quoteVoice' | 'onProgress'>): string {
  const language = options.language ?? 'en-US';
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(language)) {
    throw new NewscastError('usage', `"${language}" is not a language tag.`, 'Use a BCP 47 tag such as en-US or en-GB.');
  }
  const quoteVoice = options.quoteVoice?.trim();
  if (quoteVoice !== undefined && !/^[\w.@+-]{1,64}$/u.test(quoteVoice)) {
    throw new NewscastError('usage', `"${options.quoteVoice}" is not a voice name.`, 'Give a voice listed by `newscast voices`, e.g. --quote-voice slt.');
  }
  const speech: SentenceOptions = { language, lexicon: options.lexicon ?? defaultLexicon };
  if (quoteVoice) speech.quoteVoice = quoteVoice;

  const blocks = allBlocks.filter((block) => block.marks?.length || block.paragraphs.some((sentences) => sentences.length > 0));
  let sentenceIndex = 0;
  const written = blocks.map((block, blockIndex) => {
    const lines = [...(block.title === undefined ? [] : [chapterMarkName(block.title)]), ...(block.marks ?? [])].map(markElement);
    for (const sentences of block.paragraphs) {
      if (sentences.length === 0) continue;
      lines.push(paragraphSsml(sentences.map((sentence) => ({ index: ++sentenceIndex, text: sentence })), speech));
    }
    options.onProgress?.((blockIndex + 1) / blocks.length);
    return lines.map((line) => `  ${line}`).join('\n');
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${escapeXmlAttribute(language)}">`,
    ...meta.map((line) => `  ${line}`),
    written.join(`\n  ${chapterBreak}\n`),
    '</speak>',
    '',
  ].join('\n');
}

/**
 * A section's heading is read at its start as well as titling its chapter: the listener hears
 * the signpost a reader sees, and a chapter list is no substitute for a reader who needs it all.
 */
export function withSpokenHeading(section: Article['sections'][number]): Article['sections'][number] {
  const heading = section.heading?.replace(/\s+/g, ' ').trim();
  return heading ? { ...section, paragraphs: [heading, ...section.paragraphs] } : section;
}

function markElement(name: string): string {
  return `<mark name="${escapeXmlAttribute(name)}"/>`;
}

/**
 * `<p><s><mark name="s1"/>…</s> <s>…</s></p>`, built with ssml-builder. The mark always opens
 * the sentence, before any <voice>; a quotation left open by one sentence carries on in the
 * next, never past the paragraph.
 */
function paragraphSsml(sentences: { index: number; text: string }[], options: SentenceOptions): string {
  let insideQuote = false;
  const body = callSsmlBuilder((speech) => {
    for (const sentence of sentences) {
      const result = sentenceSsmlWithQuotes(sentence.text, { ...options, insideQuote });
      insideQuote = result.insideQuote;
      speech.sayWithSSML(`<s>${markElement(sentenceMarkName(sentence.index))}${result.ssml}</s>`);
    }
  });
  return `<p>${body}</p>`;
}
