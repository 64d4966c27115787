/**
 * Headless Chromium for the flame graph tests and benchmark: the system's
 * Debian `chromium` driven by playwright-core (never a downloaded browser),
 * with every request of a page recorded so tests can prove a page works
 * offline. `chromiumSkip()` gives node:test's skip reason when it is missing.
 */

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { requireTool } from './tools.js';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = process.env.PPROF_TS_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless run that makes no background requests of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** node:test's skip value: a reason when Chromium is missing (outside CI), else false. */
export function chromiumSkip(): string | false {
  return requireTool(`chromium (${CHROMIUM})`, existsSync(CHROMIUM));
}

/** Starts headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A page opened from disk, with what it asked for and what went wrong in it. */
export interface OpenedPage {
  page: Page;
  /** Every request the page made (URLs), the document itself included. */
  requests: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
  /** Milliseconds from navigation to the page's ready mark. */
  loadMs: number;
}

/**
 * Opens `file` from file:// in a fresh page; every request other than the
 * file itself is recorded and aborted, so nothing can reach the network.
 */
export async function openFile(browser: Browser, file: string, viewport = { width: 1400, height: 900 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', async (route) => {
    const u = route.request().url();
    requests.push(u);
    if (u === url) await route.continue();
    else await route.abort();
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  const started = performance.now();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  return { page, requests, errors, loadMs: performance.now() - started };
}
