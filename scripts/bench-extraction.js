#!/usr/bin/env node
// `npm run bench:extraction`: how well newscast finds the story on real web pages.
//
// Every page of the article-extraction benchmark (scrapinghub/article-extraction-benchmark: 181
// real pages, the article body written out by hand, MIT licence) is read by the library's own
// reader in dist/ (readArticle, what `generate` runs on a .html file), and the narration's body
// is compared with the page's hand-written articleBody the way that benchmark's evaluate.py
// scores: word tokens (\w+), 4-word shingles, per page tp/fp/fn normalised to sum to 1,
// precision and recall averaged over the pages where they are defined, F1 from the two means.
//
// The body is what the listener hears of the story, before speech normalization: every
// section's heading (the script reads it at the chapter's start) and paragraphs. Title, byline,
// date and caption are not part of it: the intro speaks the title, and the rest is metadata.
//
// The corpus is not part of the repository. It is looked for in shared/corpus/article-extraction
// beside the repository or any folder above it, or given with --corpus.
//
//   node scripts/bench-extraction.js [--corpus DIR] [--worst 15] [--page ID] [--json FILE]
//   --page ID   prints one page's extracted body beside its ground truth (ID: a prefix of the file name)
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    corpus: { type: 'string' },
    worst: { type: 'string', default: '15' },
    page: { type: 'string' },
    json: { type: 'string' },
  },
});

const corpus = flags.corpus ? resolve(flags.corpus) : findCorpus(root);
if (!corpus || !existsSync(join(corpus, 'ground-truth.json'))) {
  console.log(`bench:extraction: the article-extraction corpus is not here (looked for ${flags.corpus ?? 'shared/corpus/article-extraction beside the repository or above it'}); nothing to score.`);
  console.log('Give its folder (html/*.html.gz and ground-truth.json) with --corpus DIR.');
  process.exit(0);
}
const readerModule = join(root, 'dist', 'article', 'read.js');
if (!existsSync(readerModule)) {
  console.error('bench:extraction: dist/ is missing; run `npm run build` first.');
  process.exit(3);
}
const { readArticle } = await import(pathToFileURL(readerModule).href);

const groundTruth = JSON.parse(readFileSync(join(corpus, 'ground-truth.json'), 'utf8'));
const pages = readdirSync(join(corpus, 'html'))
  .filter((name) => name.endsWith('.html.gz'))
  .map((name) => name.replace(/\.html\.gz$/, ''))
  .filter((id) => id in groundTruth)
  .sort();

const work = mkdtempSync(join(tmpdir(), 'newscast-bench-extraction-'));
try {
  if (flags.page) {
    const id = pages.find((candidate) => candidate.startsWith(flags.page));
    if (!id) {
      console.error(`bench:extraction: no page starts with ${flags.page}.`);
      process.exit(2);
    }
    const result = await extract(id);
    const truth = groundTruth[id].articleBody ?? '';
    const [tp, fp, fn] = shingleMatching(truth, result.body);
    console.log(`page ${id}  ${groundTruth[id].url ?? ''}`);
    console.log(`precision ${format(precisionScore(tp, fp, fn))}  recall ${format(recallScore(tp, fp, fn))}${result.error ? `  error: ${result.error}` : ''}`);
    console.log(`\n--- extracted body (${words(result.body)} words), each paragraph with the share of its shingles found in the ground truth ---`);
    for (const paragraph of result.body.split('\n\n')) console.log(`${marker(paragraph, truth)} ${paragraph}`);
    console.log(`\n--- ground truth (${words(truth)} words), each paragraph with the share of its shingles extracted ---`);
    for (const paragraph of truth.split(/\n+/)) console.log(`${marker(paragraph, result.body)} ${paragraph}`);
  } else {
    const started = performance.now();
    const scores = [];
    for (const id of pages) {
      const result = await extract(id);
      const [tp, fp, fn] = shingleMatching(groundTruth[id].articleBody ?? '', result.body);
      scores.push({ id, tp, fp, fn, error: result.error });
    }
    const seconds = (performance.now() - started) / 1000;
    const metrics = metricsFrom(scores);
    const errors = scores.filter((score) => score.error);
    console.log(`Corpus: ${corpus} (${pages.length} pages)`);
    console.log(`Machine: ${availableParallelism()} cores, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`);
    console.log(`F1 ${format(metrics.f1)}  precision ${format(metrics.precision)}  recall ${format(metrics.recall)}`);
    console.log(`Pages that ended in an error: ${errors.length}${errors.length ? ` (${errors.map((score) => `${score.id.slice(0, 8)}: ${score.error}`).join('; ')})` : ''}`);
    console.log(`Time: ${seconds.toFixed(1)} s, ${((seconds * 1000) / pages.length).toFixed(0)} ms a page`);
    const worst = [...scores].sort((a, b) => pageF1(a) - pageF1(b)).slice(0, Number(flags.worst));
    console.log(`\nWorst ${worst.length} pages (F1 / precision / recall):`);
    for (const score of worst) {
      const { tp, fp, fn } = score;
      console.log(`  ${score.id.slice(0, 12)}  ${format(pageF1(score))} / ${format(precisionScore(tp, fp, fn))} / ${format(recallScore(tp, fp, fn))}  ${groundTruth[score.id].url ?? ''}${score.error ? `  ERROR ${score.error}` : ''}`);
    }
    if (flags.json) writeFileSync(flags.json, `${JSON.stringify({ ...metrics, errors: errors.length, pages: scores }, null, 2)}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The narration body newscast makes of one page, or the error it stopped with. */
async function extract(id) {
  const path = join(work, `${id}.html`);
  writeFileSync(path, gunzipSync(readFileSync(join(corpus, 'html', `${id}.html.gz`))));
  try {
    const article = await readArticle(path);
    return { body: article.sections.flatMap((section) => [...(section.heading ? [section.heading] : []), ...section.paragraphs]).join('\n\n') };
  } catch (error) {
    return { body: '', error: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(path, { force: true });
  }
}

// --- scoring, as scrapinghub/article-extraction-benchmark's evaluate.py ----------------------

/** Python's \w on str: letters, digits (any script) and the underscore. */
function tokenize(text) {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Counts of n-word shingles; a text shorter than n words is one short shingle. */
function shingles(text, n = 4) {
  const tokens = tokenize(text);
  const counts = new Map();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** tp, fp, fn over shingles, normalised so that long pages weigh no more than short ones. */
function shingleMatching(truth, prediction) {
  const trueShingles = shingles(truth);
  const predictedShingles = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...trueShingles.keys(), ...predictedShingles.keys()])) {
    const trueCount = trueShingles.get(key) ?? 0;
    const predictedCount = predictedShingles.get(key) ?? 0;
    tp += Math.min(trueCount, predictedCount);
    fp += Math.max(0, predictedCount - trueCount);
    fn += Math.max(0, trueCount - predictedCount);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

/** "[ 75%]": how much of `paragraph`'s shingles `other` has (for --page). */
function marker(paragraph, other) {
  const available = shingles(other);
  const own = [...shingles(paragraph)];
  const total = own.reduce((sum, [, count]) => sum + count, 0);
  const found = own.reduce((sum, [key, count]) => sum + Math.min(count, available.get(key) ?? 0), 0);
  return `[${String(Math.round((100 * found) / Math.max(1, total))).padStart(3)}%]`;
}

function precisionScore(tp, fp, fn) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallScore(tp, fp, fn) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function metricsFrom(scores) {
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const precision = mean(scores.filter(({ tp, fp }) => tp + fp > 0).map(({ tp, fp, fn }) => precisionScore(tp, fp, fn)));
  const recall = mean(scores.filter(({ tp, fn }) => tp + fn > 0).map(({ tp, fp, fn }) => recallScore(tp, fp, fn)));
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

function pageF1({ tp, fp, fn }) {
  const precision = precisionScore(tp, fp, fn);
  const recall = recallScore(tp, fp, fn);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function format(value) {
  return value.toFixed(3);
}

function words(text) {
  return tokenize(text).length;
}

/** shared/corpus/article-extraction beside the repository or beside any folder above it. */
function findCorpus(start) {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const candidate = join(folder, 'shared', 'corpus', 'article-extraction');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}
