/**
 * What an assertion selects: frames by function (exact name or RegExp),
 * package or file, and samples by label. Compiled once into predicates over
 * the profile's functions and sample labels.
 */

import type { Profile } from '../model/profile.js';
import { PprofError } from '../errors.js';
import { packageOf } from './names.js';
import { regexText } from '../query/regex.js';

/** A label value to match: exact string (or number, compared as text) or a RegExp. */
export type LabelMatcher = string | number | RegExp;

/**
 * Which frames and samples an assertion is about. Frame fields combine with
 * AND (a frame must match all of them); `label` keeps only samples carrying
 * every listed label. A selector with only `label` selects whole samples.
 *
 * @example { function: 'runtime.mallocgc' }
 * @example { function: /^main\.\(\*trieNode\)/ }
 * @example { package: 'encoding/json' }
 * @example { label: { workload: 'policy-sync' } }
 */
export interface Selector {
  /** Exact function name, or a RegExp tested against it. */
  function?: string | RegExp;
  /** Go package path, exact (`runtime`, `encoding/json`, `main`). */
  package?: string;
  /** Source file: exact path, a path suffix after a `/` (`'daemon/main.go'`), or a RegExp. */
  file?: string | RegExp;
  /** Sample labels (pprof.Labels / tags) that must all be present and match. */
  label?: Readonly<Record<string, LabelMatcher>>;
}

/** Shorthand accepted wherever a Selector is: a string is an exact function name, a RegExp a function regex. */
export type SelectorInput = Selector | string | RegExp;

/** Normalizes the shorthand. Throws PprofError 'bad-option' for an empty selector. */
export function toSelector(input: SelectorInput): Selector {
  const s: Selector = typeof input === 'string' || input instanceof RegExp ? { function: input } : input;
  if (s.function === undefined && s.package === undefined && s.file === undefined &&
    (s.label === undefined || Object.keys(s.label).length === 0)) {
    throw new PprofError('bad-option', 'empty selector: give a function, package, file or label');
  }
  return s;
}

/** Human-readable description, used in error and assertion messages. */
export function describeSelector(s: Selector): string {
  const parts: string[] = [];
  const show = (v: string | RegExp): string => (typeof v === 'string' ? `'${v}'` : regexText(v));
  if (s.function !== undefined) parts.push(`function ${show(s.function)}`);
  if (s.package !== undefined) parts.push(`package '${s.package}'`);
  if (s.file !== undefined) parts.push(`file ${show(s.file)}`);
  if (s.label !== undefined) {
    parts.push(`label {${Object.entries(s.label).map(([k, v]) => `${k}: ${v instanceof RegExp ? regexText(v) : `'${v}'`}`).join(', ')}}`);
  }
  return parts.join(' and ');
}

function testText(m: string | RegExp, text: string): boolean {
  if (typeof m === 'string') return m === text;
  m.lastIndex = 0; // a /g or /y regex keeps state between calls otherwise
  return m.test(text);
}

function fileMatches(m: string | RegExp, file: string): boolean {
  if (typeof m !== 'string') return testText(m, file);
  return file === m || file.endsWith('/' + m);
}

/** True when the selector has frame conditions (function, package or file). */
export function hasFrameFilter(s: Selector): boolean {
  return s.function !== undefined || s.package !== undefined || s.file !== undefined;
}

/**
 * Which functions of the profile (by index in `profile.functions`) the frame
 * part of the selector matches; null when it has no frame part.
 */
export function matchFunctions(profile: Profile, s: Selector): Uint8Array | null {
  if (!hasFrameFilter(s)) return null;
  const out = new Uint8Array(profile.functions.length);
  for (const f of profile.functions) {
    if (s.function !== undefined && !testText(s.function, f.name)) continue;
    if (s.package !== undefined && packageOf(f.name) !== s.package) continue;
    if (s.file !== undefined && !fileMatches(s.file, f.filename)) continue;
    out[f.index] = 1;
  }
  return out;
}

/** keep[i] = 1 when sample i carries every label of the selector; null when it names none. */
export function matchLabels(profile: Profile, s: Selector): Uint8Array | null {
  const wanted = s.label === undefined ? [] : Object.entries(s.label);
  if (wanted.length === 0) return null;
  const t = profile.samples;
  const keys = t.labelKeys;
  const strs = t.labelStrs;
  const out = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) {
    let all = true;
    for (const [key, m] of wanted) {
      let found = false;
      for (let k = t.labelOffsets[i]!; k < t.labelOffsets[i + 1]! && !found; k++) {
        if (keys[k] !== key) continue;
        const text = strs[k] !== '' ? strs[k]! : String(t.labelNums[k]!);
        found = typeof m === 'number' ? text === String(m) : testText(m, text);
      }
      if (!found) { all = false; break; }
    }
    if (all) out[i] = 1;
  }
  return out;
}
