import type { ProgressEvent, Stage } from './pipeline.js';
import { forTerminal } from './terminal-text.js';

const barWidth = 24;

/**
 * Shows pipeline progress on stderr: one redrawn bar line on a terminal, plain lines otherwise
 * (logs and CI), so stdout stays clean for --json and `newscast script`.
 */
export function progressReporter(stream: NodeJS.WriteStream, untrustedLabel: string): (event: ProgressEvent) => void {
  // The label and the details quote file names and titles: shown escaped, never obeyed.
  const label = forTerminal(untrustedLabel);
  const interactive = stream.isTTY === true;
  let stage: Stage | undefined;
  let stageStarted = 0;
  let lastQuarter = -1;

  const finishLine = (): void => {
    if (stage && interactive) stream.write(`\r\x1b[K${label}: ${stage} done in ${seconds(stageStarted)}\n`);
  };

  return (untrustedEvent) => {
    const event = { ...untrustedEvent, detail: untrustedEvent.detail === undefined ? undefined : forTerminal(untrustedEvent.detail) };
    if (event.stage !== stage) {
      finishLine();
      stage = event.stage;
      stageStarted = performance.now();
      lastQuarter = -1;
      if (!interactive) stream.write(`${label}: ${event.stage}${event.detail ? `: ${event.detail}` : ''}\n`);
    }
    if (interactive) {
      const filled = Math.round(event.fraction * barWidth);
      const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
      stream.write(`\r\x1b[K${label}: ${event.stage.padEnd(8)} ${bar} ${Math.round(event.fraction * 100)}%${event.detail ? `  ${event.detail}` : ''}`);
      if (event.stage === 'publish' && event.fraction === 1) {
        stream.write('\n');
        stage = undefined;
      }
    } else {
      const quarter = Math.floor(event.fraction * 4);
      if (event.fraction > 0 && event.fraction < 1 && quarter > lastQuarter && quarter > 0) {
        stream.write(`${label}: ${event.stage} ${quarter * 25}%\n`);
      }
      lastQuarter = Math.max(lastQuarter, quarter);
    }
  };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
