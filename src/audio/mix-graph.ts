// The filter graph of one segment of an episode: every part becomes a layer exactly as long as the
// segment, placed at its start sample by leading silence, and the layers are summed sample for sample.
// (amix would scale each input by 1/n; amerge + pan adds them unchanged.)
import { conformFilter, exactLength } from './timeline.js';

export interface Layer {
  /** ffmpeg input index. */
  input: number;
  /** Sample where the layer starts in the episode. */
  start: number;
  /** Filters (gain, fades, envelope) applied after conforming, before placement; '' for none. */
  filters: string;
}

const chain = (...filters: string[]) => filters.filter(Boolean).join(',');

/** Mono float silence of exactly `samples`, at `sampleRate`. */
function silence(samples: number, sampleRate: number): string {
  return chain(`anullsrc=r=${sampleRate}:cl=mono`, 'aformat=sample_fmts=flt', `atrim=end_sample=${samples}`);
}

/**
 * The graph ending in `[${outputLabel}]`: layers mixed, then `masterFilters`. Its inner labels
 * start with `outputLabel`, so several such graphs can share one ffmpeg run.
 */
export function mixGraph(
  span: { sampleRate: number; totalSamples: number },
  layers: readonly Layer[],
  masterFilters: string,
  outputLabel: string,
): string {
  const conform = conformFilter(span.sampleRate);
  const statements: string[] = [];
  const label = (kind: string, index: number) => `[${outputLabel}_${kind}${index}]`;
  layers.forEach((layer, index) => {
    const body = `[${layer.input}:a]${chain(conform, layer.filters)}`;
    if (layer.start > 0) {
      statements.push(`${body}${label('body', index)}`);
      statements.push(`${silence(layer.start, span.sampleRate)}${label('lead', index)}`);
      statements.push(`${label('lead', index)}${label('body', index)}concat=n=2:v=0:a=1,${exactLength(span.totalSamples)}${label('layer', index)}`);
    } else {
      statements.push(`${body},${exactLength(span.totalSamples)}${label('layer', index)}`);
    }
  });
  const labels = layers.map((_, index) => label('layer', index)).join('');
  const sum =
    layers.length === 1
      ? 'anull'
      : `amerge=inputs=${layers.length},pan=mono|c0=${layers.map((_, index) => `c${index}`).join('+')}`;
  statements.push(`${labels}${chain(sum, masterFilters)}[${outputLabel}]`);
  return statements.join(';');
}
