/**
 * The flame graph page in real headless Chromium, opened from file:// with
 * every other request blocked and recorded: it works offline, zooms, finds,
 * switches sample types to the totals `top` prints, inverts, formats values
 * like `top`, and shows hostile names as text without running anything.
 * Screenshots go to test-artifacts/. Skipped (with a reason) without
 * Chromium, except in CI.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  DEFAULT_FLAME_MIN_WIDTH, flameGraph, flameGraphHtml, parseProfile, renderTopText, topTable,
} from '../../src/index.js';
import type { Profile } from '../../src/model/profile.js';
import { flameNodes } from '../../src/render/flame-node.js';
import { formatPercent, formatScaled } from '../../src/report/units.js';
import { chromiumSkip, launchChromium, openFile, type OpenedPage } from '../helpers/browser.js';
import { runBin } from '../helpers/cli.js';
import { PROFILES, ROOT } from '../helpers/paths.js';
import { HOSTILE_NAMES, hostileProfile } from '../helpers/xss-profile.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');

function fixture(name: string): Profile {
  return parseProfile(readFileSync(join(PROFILES, name)));
}

/** The report total as `top` prints it ("... of 2.30s total"). */
function topTotalText(p: Profile, sampleIndex: number): string {
  const text = renderTopText(topTable(p, { sampleIndex }));
  return /^Showing nodes accounting for .*, .* of (\S+) total$/m.exec(text)![1]!;
}

interface NodeInfo { name: string; file: string; totalText: string; selfText: string; totalPercent: string; merged: number }

async function info(page: Page, id: number): Promise<NodeInfo> {
  return page.evaluate((i) => (window as unknown as { flameGraph: { info(i: number): NodeInfo } }).flameGraph.info(i), id);
}

async function find(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => (window as unknown as { flameGraph: { find(n: string): number[] } }).flameGraph.find(n), name);
}

async function boxWidth(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} is visible`);
  return box.width;
}

describe('flame graph page in Chromium', { skip: chromiumSkip() }, () => {
  let browser: Browser;
  let dir: string;
  const opened: OpenedPage[] = [];

  before(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'pprof-ts-flame-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    for (const o of opened) await o.page.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<OpenedPage> {
    const o = await openFile(browser, file);
    opened.push(o);
    return o;
  }

  function writePage(name: string, html: string): string {
    const file = join(dir, name);
    writeFileSync(file, html);
    return file;
  }

  test('cpu: works offline from file://, the root shows 100%, tooltips show top\'s units', async () => {
    const file = join(dir, 'cpu.html');
    const r = runBin(['flamegraph', 'fixtures/profiles/cpu.pb.gz', '-o', file]);
    assert.equal(r.code, 0, r.stderr);
    const { page, requests, errors } = await open(file);
    assert.deepEqual(requests, [`file://${file}`], 'no request but the file itself');
    assert.deepEqual(errors, []);
    const p = fixture('cpu.pb.gz');
    const total = topTotalText(p, 1);
    const root = page.locator('.frame.root');
    assert.equal(await root.textContent(), `root ${total} (100%)`);
    assert.equal(await page.locator('#total').textContent(), `Total: ${total}`);
    assert.match(await page.locator('#profile-header').innerText(), /Type: cpu\nTime: .*\nDuration: 5\.11s, Total samples = 2\.30s \(45\.00%\)/);
    await root.hover();
    const tip = await page.locator('#tooltip').innerText();
    assert.match(tip, /^root\nself: +0 \(0%\)\ntotal: 2\.30s \(100%\)$/);
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-cpu.png'), fullPage: true });
  });

  test('cpu: clicking a frame zooms it to the full width, the breadcrumb and Escape zoom back out', async () => {
    const { page } = opened[0]!;
    const full = await boxWidth(page, '#flame');
    // The widest drawn frame four levels up that does not already span the graph.
    const frames = await page.locator('.frame').evaluateAll((els) => els.map((e) => ({
      id: Number((e as HTMLElement).dataset.node), width: e.getBoundingClientRect().width,
    })));
    const depthOf = (id: number): Promise<number> => page.evaluate((i) =>
      (window as unknown as { flameGraph: { state: { tree: { depth: Int32Array } } } }).flameGraph.state.tree.depth[i]!, id);
    const candidates = [];
    for (const f of frames) if (f.width < full * 0.9 && (await depthOf(f.id)) === 4) candidates.push(f);
    const id = candidates.sort((a, b) => b.width - a.width)[0]!.id;
    const target = { name: (await info(page, id)).name, depth: 4 };
    const sel = `.frame[data-node="${id}"]`;
    const before = await boxWidth(page, sel);
    assert.ok(before < full * 0.9, `${target.name} starts narrower (${before} of ${full})`);
    await page.click(sel);
    const zoomed = await boxWidth(page, sel);
    assert.ok(Math.abs(zoomed - full) <= 1.5, `zoomed width ${zoomed} ≈ ${full}`);
    const crumbs = await page.locator('#breadcrumb').innerText();
    assert.ok(crumbs.startsWith('root'), crumbs);
    assert.equal(await page.locator('#breadcrumb .current').textContent(), target.name.slice(target.name.lastIndexOf('/') + 1));
    // Ancestors stay visible, full width, above the zoomed frame.
    assert.equal(await page.locator('.frame.ancestor').count(), target.depth);
    await page.click('#breadcrumb button[data-node="0"]');
    assert.ok(Math.abs(await boxWidth(page, sel) - before) <= 1, 'back to the first width');
    await page.click(sel);
    await page.keyboard.press('Escape');
    assert.ok(Math.abs(await boxWidth(page, sel) - before) <= 1, 'Escape resets the zoom');
  });

  test('cpu: search highlights exactly the matching frames and shows their share', async () => {
    const { page } = opened[0]!;
    const re = /trieNode|fnv32a/;
    await page.fill('#search', re.source);
    await page.waitForFunction(() => document.querySelector('#search-result')!.textContent !== '');
    const p = fixture('cpu.pb.gz');
    const g = flameGraph(p, { minWidth: DEFAULT_FLAME_MIN_WIDTH });
    let sum = 0n;
    let frames = 0;
    flameNodes(g.root).forEach((n) => {
      if (n.data.kind !== 'frame' || !re.test(n.data.name)) return;
      frames++;
      let outer = false;
      for (let a = n.parent; a !== null; a = a.parent) if (a.data.kind === 'frame' && re.test(a.data.name)) outer = true;
      if (!outer) sum += n.data.total;
    });
    const table = topTable(p);
    const expected = `Matched: ${formatScaled(Number(sum), 'nanoseconds', table.outputUnit)} ` +
      `(${formatPercent(Number(sum), Number(table.total)).trim()}) in ${frames} frames`;
    assert.equal(await page.locator('#search-result').textContent(), expected);
    const drawn = await page.locator('.frame').evaluateAll((els) => els.map((e) => [Number((e as HTMLElement).dataset.node), e.classList.contains('match')] as const));
    let highlighted = 0;
    for (const [id, match] of drawn) {
      if (id === 0) continue;
      const name = (await info(page, id)).name;
      assert.equal(match, re.test(name) && name !== 'other', `${name} highlighted iff it matches`);
      if (match) highlighted++;
    }
    assert.ok(highlighted > 0);
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-cpu-search.png'), fullPage: true });
    await page.fill('#search', '');
    await page.waitForFunction(() => document.querySelectorAll('.frame.match').length === 0);
  });

  test('cpu: search takes the CLI\'s Go regexp syntax, (?i) included, and names what is wrong with a bad one', async () => {
    const { page } = opened[0]!;
    const result = async (text: string): Promise<string> => {
      await page.fill('#search', '');
      await page.waitForFunction(() => document.querySelector('#search-result')!.textContent === '');
      await page.fill('#search', text);
      await page.waitForFunction(() => document.querySelector('#search-result')!.textContent !== '');
      return (await page.locator('#search-result').textContent())!;
    };
    const exact = await result('trieNode|fnv32a');
    assert.match(exact, /^Matched: .* in \d+ frames$/);
    assert.equal(await result('(?i)TRIENODE|FNV32A'), exact, '(?i) ignores case, as in --focus');
    assert.equal(await result('main\\.fnv32a\\z'), await result('main\\.fnv32a$'), '\\z is the end of text');
    assert.equal(await result('\\Qmain.fnv32a\\E'), await result('main\\.fnv32a'), 'RE2 quoting, as in --focus');
    assert.equal(await result('(unclosed'), 'invalid regexp: Missing closing ): `(unclosed`');
    assert.equal(await result('a(?!b)'), 'invalid regexp: Invalid or unsupported Perl syntax: `(?!`', 'what Go refuses');
    assert.equal(await page.locator('#search.invalid').count(), 1);
    assert.equal(await page.locator('.frame.match').count(), 0, 'nothing highlighted for an invalid regexp');
    await page.fill('#search', '');
    await page.waitForFunction(() => document.querySelector('#search-result')!.textContent === '');
    assert.equal(await page.locator('#search.invalid').count(), 0);
  });

  test('heap: switching the sample type shows the totals top prints for it', async () => {
    const p = fixture('heap.pb.gz');
    const { page, requests, errors } = await open(writePage('heap.html', flameGraphHtml(p, { title: 'heap.pb.gz' })));
    const options = await page.locator('#sample-type option').allTextContents();
    assert.deepEqual(options, p.sampleTypes.map((t) => `${t.type} (${t.unit})`));
    for (let i = 0; i < p.sampleTypes.length; i++) {
      await page.selectOption('#sample-type', String(i));
      const total = topTotalText(p, i);
      assert.equal(await page.locator('#total').textContent(), `Total: ${total}`, p.sampleTypes[i]!.type);
      assert.match(await page.locator('#profile-header').innerText(), new RegExp(`^Type: ${p.sampleTypes[i]!.type}$`, 'm'));
      assert.equal((await info(page, 0)).totalText, total);
      assert.equal((await info(page, 0)).totalPercent, '100%');
    }
    await page.selectOption('#sample-type', 'alloc_space' === p.sampleTypes[1]!.type ? '1' : '0');
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-heap.png'), fullPage: true });
    assert.deepEqual(errors, []);
    assert.equal(requests.length, 1);
  });

  test('heap: the inverted view starts from the leaf functions, each as wide as its flat value in top', async () => {
    const p = fixture('heap.pb.gz');
    const { page } = opened[opened.length - 1]!;
    const sampleIndex = p.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    await page.selectOption('#sample-type', String(sampleIndex));
    await page.check('#inverted');
    const rows = topTable(p, { sampleIndex }).rows.filter((r) => r.flat !== 0n).slice(0, 5);
    for (const row of rows) {
      const ids = await find(page, row.name);
      const depth1 = [];
      for (const id of ids) if ((await page.evaluate((i) => (window as unknown as { flameGraph: { state: { tree: { depth: Int32Array } } } }).flameGraph.state.tree.depth[i], id)) === 1) depth1.push(id);
      assert.equal(depth1.length, 1, row.name);
      const d = await info(page, depth1[0]!);
      assert.equal(d.totalText, row.flatText.trim(), row.name);
    }
    // Icicle: the root is drawn at the top.
    const rootTop = (await page.locator('.frame.root').boundingBox())!.y;
    const anyTop = Math.min(...(await page.locator('.frame').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().y))));
    assert.equal(rootTop, anyTop);
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-heap-inverted.png'), fullPage: true });
    await page.uncheck('#inverted');
  });

  test('the page formats values and percentages exactly like src/report/units.ts', async () => {
    const { page } = opened[0]!;
    const cases: Array<[number, string, string]> = [];
    const values = [0, 1, -1, 5, 999, 1000, 1023, 1024, 1536, 1179648, 1_048_576 * 1.125, 9_437_184, 123_456_789, -4_210_709,
      10_000_000, 15_000_000, 2_300_000_000, 1e15, 7.5e12];
    const units: Array<[string, string[]]> = [
      ['bytes', ['B', 'kB', 'MB', 'GB', 'auto', 'minimum']],
      ['nanoseconds', ['ns', 'us', 'ms', 's', 'hrs', 'auto']],
      ['count', ['count', 'auto']],
      ['microseconds', ['ms', 's']],
    ];
    for (const v of values) for (const [unit, outs] of units) for (const o of outs) cases.push([v, unit, o]);
    const ratios: Array<[number, number]> = [[1, 3], [2, 3], [1, 8], [1, 800], [1, 80000], [999, 1000], [9995, 10000], [1, 0], [-5, 7], [12345, 12346]];
    const got = await page.evaluate(([c, r]) => {
      const f = (window as unknown as { flameGraph: { format: { scaled(v: number, u: string, o: string): string; percent(v: number, t: number): string } } }).flameGraph.format;
      return { scaled: c.map(([v, u, o]) => f.scaled(v, u, o)), percent: r.map(([v, t]) => f.percent(v, t)) };
    }, [cases, ratios] as const);
    assert.deepEqual(got.scaled, cases.map(([v, u, o]) => formatScaled(v, u, o)));
    assert.deepEqual(got.percent, ratios.map(([v, t]) => formatPercent(v, t).trim()));
  });

  test('a profile full of markup, quotes and line separators renders as text and runs nothing', async () => {
    const title = '</title><script>window.__xss="title"</script>"\'';
    const file = writePage('hostile.html', flameGraphHtml(parseProfile(hostileProfile()), { title }));
    const { page, requests, errors } = await open(file);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [`file://${file}`]);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss), undefined);
    assert.equal(await page.locator('img, svg, b, iframe').count(), 0);
    assert.equal(await page.locator('script').count(), 2);
    assert.equal(await page.title(), title);
    assert.equal(await page.locator('#title').textContent(), title);
    assert.match(await page.locator('#profile-header').innerText(), /comment <\/script><script>window\.__xss="comment"<\/script>/);
    const labels = await page.locator('.frame').allTextContents();
    for (const name of HOSTILE_NAMES) {
      assert.ok(labels.includes(name), `label shows ${JSON.stringify(name)} as text`);
      const [id] = await find(page, name);
      await page.hover(`.frame[data-node="${id}"]`);
      assert.equal(await page.locator('#tooltip .name').textContent(), name);
    }
    for (let i = 0; i < 2; i++) await page.selectOption('#sample-type', String(i));
    await page.check('#inverted');
    await page.fill('#search', '<img');
    await page.waitForFunction(() => document.querySelectorAll('.frame.match').length > 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss), undefined);
    assert.deepEqual(errors, []);
    assert.equal(requests.length, 1);
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-hostile.png'), fullPage: true });
  });

  test('heap-delta: negative values render, with signed values in the tooltip', async () => {
    const p = fixture('heap-delta.pb.gz');
    const { page, errors } = await open(writePage('delta.html', flameGraphHtml(p)));
    assert.deepEqual(errors, []);
    const n = await page.evaluate(() => {
      const g = (window as unknown as { flameGraph: { data: { types: Array<{ trees: { callees: { t: number[] } } }> } } }).flameGraph;
      return g.data.types.reduce((s, t) => s + t.trees.callees.t.filter((v) => v < 0).length, 0);
    });
    assert.ok(n > 0, 'negative frames are in the data');
    for (let i = 0; i < p.sampleTypes.length; i++) {
      await page.selectOption('#sample-type', String(i));
      assert.equal(await page.locator('#total').textContent(), `Total: ${topTotalText(p, i)}`);
      assert.ok(await page.locator('.frame').count() > 1);
    }
  });

  test('block --mean: frames show top --mean\'s values, widths stay sums, no comparison colours', async () => {
    const file = join(dir, 'block-mean.html');
    const r = runBin(['flamegraph', 'fixtures/profiles/block.pb.gz', '--mean', '-o', file]);
    assert.equal(r.code, 0, r.stderr);
    const { page, errors } = await open(file);
    assert.deepEqual(errors, []);
    assert.match(await page.locator('#mean').innerText(), /means per sample \(--mean\)/);
    assert.equal(await page.locator('#comparison').count(), 0);
    assert.match(await page.locator('#profile-header').innerText(), /Type: mean_delay/);
    const p = fixture('block.pb.gz');
    const sampleIndex = p.sampleTypes.findIndex((t) => t.type === 'delay');
    await page.selectOption('#sample-type', String(sampleIndex));
    await page.check('#inverted');
    const rows = topTable(p, { sampleIndex, mean: true }).rows.filter((row) => row.flat !== 0n).slice(0, 5);
    assert.ok(rows.length > 0);
    for (const row of rows) {
      const ids = await find(page, row.name);
      const depth1 = [];
      for (const id of ids) if ((await page.evaluate((i) => (window as unknown as { flameGraph: { state: { tree: { depth: Int32Array } } } }).flameGraph.state.tree.depth[i], id)) === 1) depth1.push(id);
      assert.equal(depth1.length, 1, row.name);
      assert.equal((await info(page, depth1[0]!)).totalText, row.flatText.trim(), row.name);
    }
    // Means do not add up: a search reports how many frames match, not a sum.
    await page.fill('#search', 'runtime');
    await page.waitForFunction(() => document.querySelector('#search-result')!.textContent !== '');
    assert.match(await page.locator('#search-result').innerText(), /^Matched: \d+ frames?$/);
    await page.screenshot({ path: join(ARTIFACTS, 'flamegraph-block-mean.png'), fullPage: true });
  });
});
