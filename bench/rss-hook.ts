/**
 * Preload (`node --import dist/bench/rss-hook.js ...`) used by the benchmark
 * only when GNU time is not installed: at exit, writes the process's peak
 * RSS in KiB (process.resourceUsage().maxRSS) to the file named by the
 * BENCH_RSS_FILE environment variable.
 */

import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
