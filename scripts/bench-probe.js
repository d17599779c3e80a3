// Preloaded into a benchmarked newscast process (`node --import ./scripts/bench-probe.js …`):
// on exit it writes the process's peak resident memory to the file named by NEWSCAST_BENCH_PROBE.
import { writeFileSync } from 'node:fs';

const reportPath = process.env.NEWSCAST_BENCH_PROBE;
if (reportPath) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes and covers every thread of this process.
    writeFileSync(reportPath, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
