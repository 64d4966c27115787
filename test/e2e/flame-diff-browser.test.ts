/**
 * The flame graph page of a comparison in real headless Chromium:
 * `flamegraph new --diff-base base` colours frames that grew red and frames
 * that shrank blue, stronger with the size of the change; the tooltip shows
 * the base value, the new value and the delta; the header names the base.
 * Delta profiles (negative values, no base) get the same colouring; ordinary
 * profiles keep their package colours. Skipped (with a reason) without
 * Chromium, except in CI.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumSkip, launchChromium, openFile, type OpenedPage } from '../helpers/browser.js';
import { runBin } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');

interface Frame { id: number; change: string | undefined; rgb: number[]; width: number }
interface Info { base: number | null; current: number | null; delta: number | null; total: number }

/** Every drawn frame with its change mark and computed background colour. */
async function frames(page: Page): Promise<Frame[]> {
  return page.locator('.frame').evaluateAll((els) => els.map((e) => {
    const el = e as HTMLElement;
    const rgb = (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    return { id: Number(el.dataset.node), change: el.dataset.change, rgb, width: el.getBoundingClientRect().width };
  }));
}

async function info(page: Page, id: number): Promise<Info> {
  return page.evaluate((i) => (window as unknown as { flameGraph: { info(i: number): Info } }).flameGraph.info(i), id);
}

describe('flame graph page of a comparison, in Chromium', { skip: chromiumSkip() }, () => {
  let browser: Browser;
  let dir: string;
  const opened: OpenedPage[] = [];
  before(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-flame-diff-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    for (const o of opened) await o.page.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  async function page(args: string[], name: string): Promise<Page> {
    const file = join(dir, name);
    const r = runBin(['flamegraph', ...args, '-o', file]);
    assert.equal(r.code, 0, r.stderr);
    const o = await openFile(browser, file);
    opened.push(o);
    assert.deepEqual(o.errors, []);
    return o.page;
  }

  test('rule: --diff-base colours grown frames red and shrunk frames blue, intensity by change; the header names the base', async () => {
    const p = await page(['fixtures/profiles/second/cpu-2.pb.gz', '--diff-base', 'fixtures/profiles/cpu.pb.gz'], 'diff.html');
    assert.match(await p.locator('#comparison').innerText(), /Compared with base profile cpu\.pb\.gz: red frames grew, blue frames shrank/);
    const fs = await frames(p);
    const grew = fs.filter((f) => f.change === 'grew');
    const shrank = fs.filter((f) => f.change === 'shrank');
    assert.ok(grew.length > 0 && shrank.length > 0, `${grew.length} grew, ${shrank.length} shrank`);
    for (const f of grew) assert.ok(f.rgb[0]! === 255 && f.rgb[2]! < 255, `grew frame ${f.id} is red: ${f.rgb}`);
    for (const f of shrank) assert.ok(f.rgb[2]! === 255 && f.rgb[0]! < 255, `shrank frame ${f.id} is blue: ${f.rgb}`);
    // Every frame's mark agrees with the sign of its delta, and a larger change is never paler.
    const marked = [...grew, ...shrank];
    const deltas = new Map<number, number>();
    for (const f of marked) {
      const d = (await info(p, f.id)).delta!;
      deltas.set(f.id, d);
      assert.equal(f.change, d > 0 ? 'grew' : 'shrank', `frame ${f.id} delta ${d}`);
    }
    const pale = (f: Frame): number => f.change === 'grew' ? f.rgb[1]! : f.rgb[0]!; // lower = more intense
    const sorted = marked.slice().sort((a, b) => Math.abs(deltas.get(a.id)!) - Math.abs(deltas.get(b.id)!));
    for (let k = 1; k < sorted.length; k++) assert.ok(pale(sorted[k]!) <= pale(sorted[k - 1]!), 'intensity grows with the change');
    await p.screenshot({ path: join(ARTIFACTS, 'flamegraph-diff-base.png'), fullPage: true });
  });

  test('rule: the tooltip shows the base value, the new value and the delta', async () => {
    const p = opened[0]!.page;
    const root = await info(p, 0);
    // cpu.pb.gz holds 2.30s of samples, cpu-2.pb.gz 3.03s (see the two-profile top goldens).
    assert.equal(root.base, 2.3e9);
    assert.equal(root.current, 3.03e9);
    assert.equal(root.delta, 0.73e9);
    await p.locator('.frame.root').hover();
    const tip = await p.locator('#tooltip').innerText();
    assert.match(tip, /\nbase: +2\.30s\nnew: +3\.03s\ndelta: \+0\.73s \(\+31\.74% of base\)$/);
  });

  test('rule: a delta profile (negative values, no base) gets the same colouring and says so', async () => {
    const p = await page(['fixtures/profiles/heap-delta.pb.gz', '--sample-index', 'inuse_space'], 'delta.html');
    assert.match(await p.locator('#comparison').innerText(), /^Delta profile \(values can be negative\): red frames grew, blue frames shrank/);
    const fs = await frames(p);
    assert.ok(fs.some((f) => f.change === 'shrank'), 'something was released');
    assert.ok(fs.some((f) => f.change === 'grew'), 'something was allocated');
    await p.locator('.frame.root').hover();
    assert.match(await p.locator('#tooltip').innerText(), /\ndelta: [+-]?\d/);
  });

  test('rule: an ordinary profile keeps its package colours and has no comparison line', async () => {
    const p = await page(['fixtures/profiles/cpu.pb.gz'], 'plain.html');
    assert.equal(await p.locator('#comparison').count(), 0);
    assert.ok((await frames(p)).every((f) => f.change === undefined));
  });
});
