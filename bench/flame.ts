/**
 * Flame graph benchmark: for one profile file, the time to build the HTML
 * page, its size, and how long headless Chromium takes to open it from disk
 * and draw it. bench/run.ts calls `benchFlame`; it also runs alone:
 *
 *   node dist/bench/flame.js <profile.pb.gz> [--min-width f] [--keep out.html]
 */

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadProfile } from '../src/parse.js';
import { DEFAULT_FLAME_MIN_WIDTH, flameGraphHtml } from '../src/render/flame-html.js';
import { launchChromium, openFile } from '../test/helpers/browser.js';

/** Options of {@link benchFlame}. */
export interface FlameBenchOptions {
  /** Merge threshold (default: the CLI's). */
  minWidth?: number;
  /** Keep the page at this path instead of a temporary file. */
  keep?: string;
}

/** What one run measured. */
export interface FlameBenchResult {
  profile: string;
  profileBytes: number;
  /** Reading and parsing the profile. */
  parseMs: number;
  /** Building the page from the parsed profile. */
  generateMs: number;
  htmlBytes: number;
  /** Frames in the embedded trees (all sample types, both orientations). */
  embeddedFrames: number;
  /** From navigation start to the page's ready mark (parse the data, lay out, draw), in Chromium. */
  loadMs: number;
  /** The page's own measure: script start to first frame drawn (performance.now at ready). */
  readyMs: number;
  /** Frames drawn in the first view. */
  drawnFrames: number;
}

/** Benchmarks the flame graph of `profilePath`. Needs /usr/bin/chromium (or PPROF_TS_CHROMIUM). */
export async function benchFlame(profilePath: string, options: FlameBenchOptions = {}): Promise<FlameBenchResult> {
  let t = performance.now();
  const profile = await loadProfile(profilePath);
  const parseMs = performance.now() - t;
  t = performance.now();
  const html = flameGraphHtml(profile, { minWidth: options.minWidth ?? DEFAULT_FLAME_MIN_WIDTH, title: profilePath });
  const generateMs = performance.now() - t;

  const dir = options.keep === undefined ? mkdtempSync(join(tmpdir(), 'pprof-ts-flame-bench-')) : null;
  const file = options.keep ?? join(dir!, 'flame.html');
  writeFileSync(file, html);
  const browser = await launchChromium();
  try {
    const opened = await openFile(browser, file, { width: 1600, height: 1000 });
    if (opened.errors.length > 0) throw new Error(`flame graph page failed: ${opened.errors.join('; ')}`);
    if (opened.requests.length !== 1) throw new Error(`flame graph page made requests: ${opened.requests.join(', ')}`);
    const page = await opened.page.evaluate(() => {
      const g = (window as unknown as { flameGraph: { readyMs: number; drawn: number; data: { types: Array<{ trees: Record<string, { f: number[] }> }> } } }).flameGraph;
      let frames = 0;
      for (const ty of g.data.types) for (const tree of Object.values(ty.trees)) frames += tree.f.length;
      return { readyMs: g.readyMs, drawn: g.drawn, frames };
    });
    return {
      profile: profilePath,
      profileBytes: statSync(profilePath).size,
      parseMs: Math.round(parseMs),
      generateMs: Math.round(generateMs),
      htmlBytes: Buffer.byteLength(html),
      embeddedFrames: page.frames,
      loadMs: Math.round(opened.loadMs),
      readyMs: Math.round(page.readyMs),
      drawnFrames: page.drawn,
    };
  } finally {
    await browser.close();
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const path = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1]!.startsWith('--')));
  if (path === undefined) {
    process.stderr.write('usage: node dist/bench/flame.js <profile> [--min-width f] [--keep out.html]\n');
    process.exit(2);
  }
  const minWidth = argValue(args, '--min-width');
  const keep = argValue(args, '--keep');
  const r = await benchFlame(path, { ...(minWidth !== undefined ? { minWidth: Number(minWidth) } : {}), ...(keep !== undefined ? { keep } : {}) });
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
