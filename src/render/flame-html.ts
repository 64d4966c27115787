/**
 * The self-contained flame graph page: the template, stylesheet and scripts
 * in ./assets (read at run time, next to the compiled module's source tree)
 * inlined with the profile data into one HTML file that opens offline. The
 * data is JSON in a non-executed script element, escaped so no profile text
 * can close it; a Content-Security-Policy allows no network access and only
 * the page's own script and style (by hash), as a second line of defence.
 */

import { createHash } from 'node:crypto';
import { applyProfileFilters } from '../transform/apply.js';
import { readFileSync } from 'node:fs';
import type { Profile } from '../model/profile.js';
import { PprofError } from '../errors.js';
import type { QueryOptions } from '../query/options.js';
import type { ParallelMode } from '../query/parallel.js';
import { VERSION } from '../version.js';
import { buildFlamePayload, type FlamePayload } from './flame-data.js';

/**
 * Default merge threshold of the page: frames narrower than 1/5000 of the
 * root (a fifth of a pixel on a 1000 px wide graph when not zoomed) become "other".
 */
export const DEFAULT_FLAME_MIN_WIDTH = 0.0002;

/** Options of the page. */
export interface FlameHtmlOptions extends QueryOptions {
  /** Merge frames narrower than this fraction of the root into "other" (default {@link DEFAULT_FLAME_MIN_WIDTH}). */
  minWidth?: number;
  /** Page title (default "Flame graph"). */
  title?: string;
  /** Name of the base profile when the input is a comparison (--base / --diff-base): stated in the header. */
  baseName?: string;
  /** 'off' keeps to one thread; 'auto' (default) lets big profiles use a helper thread. */
  parallel?: ParallelMode;
}

/** The assets ship as source files: src/render/assets of the package, seen from dist/src/render/. */
const ASSETS = new URL('../../../src/render/assets/', import.meta.url);

function asset(name: string): string {
  try {
    return readFileSync(new URL(name, ASSETS), 'utf8');
  } catch (e) {
    throw new PprofError('io', `cannot read flame graph asset ${name}: ${(e as Error).message}`, { cause: e });
  }
}

/** JSON that is safe inside a script element: no `<`, `>`, `&` or JS line terminators stay literal. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for an HTML text or attribute position. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** An asset inlined into a raw-text element must not be able to end it early. */
function checkInlinable(name: string, text: string, element: 'script' | 'style'): string {
  if (text.toLowerCase().includes(`</${element}`)) {
    throw new PprofError('io', `flame graph asset ${name} contains </${element}`);
  }
  return text;
}

/** Assembles the page around prepared data. */
export function renderFlameHtml(payload: FlamePayload): string {
  const template = asset('flame.html');
  const css = checkInlinable('flame.css', asset('flame.css'), 'style');
  const script = checkInlinable('units.js + re2.js + regex.js + flame.js',
    `${asset('units.js')}\n${asset('re2.js')}\n${asset('regex.js')}\n${asset('flame.js')}`, 'script');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(css)}`,
    "img-src 'none'", "connect-src 'none'", "font-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');
  const fields: Record<string, string> = {
    csp: escapeHtml(csp),
    version: escapeHtml(VERSION),
    title: escapeHtml(payload.title),
    css,
    data: scriptSafeJson(payload),
    script,
  };
  // One pass over the template only: text inserted for one field is never scanned for another.
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const v = fields[key];
    if (v === undefined) throw new PprofError('io', `flame graph template has an unknown field ${whole}`);
    return v;
  });
}

/** The flame graph page of a profile. Throws PprofError for bad options. */
export function flameGraphHtml(profile: Profile, options: FlameHtmlOptions = {}): string {
  return renderFlameHtml(flameGraphPayload(profile, options));
}

/**
 * The data of the flame graph page (what its script reads, and what
 * `flamegraph --json` prints): the profile-level filters applied, then the
 * trees of every sample type. Throws PprofError for bad options.
 */
export function flameGraphPayload(profile: Profile, options: FlameHtmlOptions = {}): FlamePayload {
  ({ profile, options } = applyProfileFilters(profile, options));
  return buildFlamePayload(profile, {
    ...options,
    minWidth: options.minWidth ?? DEFAULT_FLAME_MIN_WIDTH,
    title: options.title ?? 'Flame graph',
  });
}
