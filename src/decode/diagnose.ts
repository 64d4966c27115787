/**
 * Names what an input is when it is not a profile pprof-ts reads, in one
 * line: an image (what `go tool pprof -png` writes), the debug port's HTML
 * index page, the `cmdline` endpoint's output, a `go tool trace` file, JSON
 * from another profiler, an empty file, or else which formats were tried and
 * what the bytes look like. Called by the parse dispatch (src/parse.ts) only
 * after every reader has declined the input, so it never hides a real
 * profile; a damaged profile keeps its precise decoding error instead.
 */

import { PprofError } from '../errors.js';

/** The formats the parse dispatch tries, in order, for the "unsupported format" line. */
export const READ_FORMATS: readonly string[] = [
  'gzip',
  'profile.proto',
  'Go debug=1 text (goroutine, threadcreate, heap, allocs, block, mutex)',
  'Go debug=2 goroutine dumps',
  'legacy gperftools/Java CPU profiles',
  'gperftools heap, growthz, contentionz and threadz text',
  'Java heapz/contentionz text',
];

/** Where net/http/pprof serves the profiles its index page lists. */
const PPROF_PATH = '/debug/pprof/';
/** How much of an input is looked at to describe it. */
const HEAD_BYTES = 64 * 1024;
const MAX_QUOTED = 60;
/** Command lines are quoted longer: the program path alone can be long. */
const MAX_QUOTED_COMMAND = 200;

const IMAGE_ADVICE = 'pass the profile it was drawn from (e.g. cpu.pb.gz), not a picture of it';

/** Magic numbers of binary files people pass by mistake. */
const MAGIC: ReadonlyArray<{ bytes: readonly number[]; at?: number; what: string; advice: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image', advice: IMAGE_ADVICE },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', advice: IMAGE_ADVICE },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', advice: IMAGE_ADVICE },
  { bytes: [0x57, 0x45, 0x42, 0x50], at: 8, what: 'a WebP image', advice: IMAGE_ADVICE },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document', advice: IMAGE_ADVICE },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable', advice: 'pass the profile file, not the program' },
  { bytes: [0x50, 0x45, 0x52, 0x46, 0x49, 0x4c, 0x45, 0x32], what: 'a Linux perf.data file',
    advice: 'convert it to profile.proto first (e.g. with perf_to_profile)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive', advice: 'unpack it and pass the profile inside' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data', advice: 'decompress it first (pprof-ts reads gzip)' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data', advice: 'decompress it first (pprof-ts reads gzip)' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data', advice: 'decompress it first (pprof-ts reads gzip)' },
];


/** The one-line refusal for an input no reader accepted: what it is by name, or what it looks like. */
export function notAProfile(bytes: Uint8Array): PprofError {
  return knownWrongInput(bytes) ?? unsupportedFormat(describeShape(bytes));
}

/**
 * After profile.proto decoding failed with `error`: the input is refused as
 * an unsupported format when it does not even start like protobuf, else the
 * decoding error stands (a damaged profile).
 */
export function afterProtobufFailure(bytes: Uint8Array, error: unknown): unknown {
  return startsWithProtobufKey(bytes) ? error : notAProfile(bytes);
}

/**
 * Inputs recognised by their content (images, traces, HTML, JSON, cmdline,
 * empty), or null. Cheap: looks at the first bytes only.
 */
export function knownWrongInput(bytes: Uint8Array): PprofError | null {
  if (bytes.length === 0) {
    return new PprofError('bad-format', 'empty input: 0 bytes, no profile data (a capture that timed out or failed can leave an empty file)');
  }
  for (const m of MAGIC) {
    const at = m.at ?? 0;
    if (bytes.length >= at + m.bytes.length && m.bytes.every((b, i) => bytes[at + i] === b)) return wrong(m.what, m.advice);
  }
  const head = bytes.subarray(0, HEAD_BYTES);
  const trace = /^go (1\.\d+) trace\0/.exec(latin1(head.subarray(0, 16)));
  if (trace !== null) {
    return wrong(`a Go execution trace (go ${trace[1]!}, from runtime/trace or /debug/pprof/trace)`, 'open it with `go tool trace`');
  }
  const cmdline = cmdlineArgs(head, bytes.length);
  if (cmdline !== null) {
    return wrong(`the output of ${PPROF_PATH}cmdline (the command line ${JSON.stringify(quote(cmdline.join(' '), MAX_QUOTED_COMMAND))})`,
      `profiles are served beside it: ${PPROF_PATH}heap, ${PPROF_PATH}profile, …`);
  }
  const text = textOf(head);
  if (text === null) return null;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!DOCTYPE svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(start)) {
    return wrong('an SVG image', IMAGE_ADVICE);
  }
  if (/^(<!doctype html|<html|<head|<body|<title)/i.test(start)) return htmlPage(start);
  if (start.startsWith('{') || start.startsWith('[')) return jsonInput(start);
  return null;
}

/** The issue-12 line: which formats were tried, and what the input looks like. */
export function unsupportedFormat(looks: string): PprofError {
  return new PprofError('bad-format', `unsupported format: the input looks like ${looks}; ` +
    `pprof-ts reads ${READ_FORMATS.join(', ')}`);
}

/** What an unrecognised input looks like: text (with its first line) or binary (with its first bytes). */
export function describeShape(bytes: Uint8Array): string {
  const text = textOf(bytes.subarray(0, HEAD_BYTES));
  if (text !== null) {
    const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    return `text (first line ${JSON.stringify(quote(first.trim()))})`;
  }
  const hex = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary data (starts with ${hex}${bytes.length > 8 ? ' …' : ''})`;
}

/**
 * True when the input starts with a well-formed protobuf key: a field
 * number of at least 1 and a wire type a message can start with (varint,
 * 64-bit, length-delimited, group start, 32-bit), in at most 5 bytes.
 * profile.proto decoders skip unknown fields, so any such key may begin a
 * profile (damaged or not); input that fails this test cannot be one, and
 * gets `unsupportedFormat` rather than a wire error.
 */
export function startsWithProtobufKey(bytes: Uint8Array): boolean {
  let key = 0;
  for (let i = 0; i < 5 && i < bytes.length; i++) {
    const b = bytes[i]!;
    key += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      const field = Math.floor(key / 8);
      const wire = key % 8;
      return field >= 1 && field < 2 ** 29 && (wire === 0 || wire === 1 || wire === 2 || wire === 3 || wire === 5);
    }
  }
  return false;
}

function wrong(what: string, advice: string): PprofError {
  return new PprofError('bad-format', `not a profile: the input is ${what}; ${advice}`);
}

/** An HTML page; net/http/pprof's index page gets the profile URLs it lists. */
function htmlPage(text: string): PprofError {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim() ?? '';
  const names = [...text.matchAll(/href=['"]?([A-Za-z0-9_.-]+)(?:\?[^'">\s]*)?['"]?/g)].map((m) => m[1]!);
  if (title === PPROF_PATH || (names.includes('heap') && names.includes('goroutine'))) {
    const profiles = [...new Set(names)].filter((n) => n !== 'cmdline' && n !== 'trace' && n !== 'full');
    return wrong(`the HTML index page of a debug port (${PPROF_PATH})`,
      `use one of the profile URLs it lists: ${profiles.map((n) => PPROF_PATH + n).join(', ')}`);
  }
  return wrong(`an HTML page${title === '' ? '' : ` (${JSON.stringify(quote(title))})`}`,
    `if it came from a debug port, fetch a profile URL such as ${PPROF_PATH}heap instead`);
}

/** JSON: speedscope, Chrome DevTools .cpuprofile and trace events are named. */
function jsonInput(text: string): PprofError {
  const advice = 'pprof-ts reads pprof profiles (profile.proto); export one from the tool that made this file';
  if (/"\$schema"\s*:\s*"https:\/\/www\.speedscope\.app\/file-format-schema\.json"/.test(text)) {
    return wrong('a speedscope profile (JSON)', advice);
  }
  if (/"traceEvents"\s*:/.test(text) || /^\[\s*\{[^{}]*"ph"\s*:/.test(text)) {
    return wrong('a Chrome trace (JSON trace events)', advice);
  }
  if (/"nodes"\s*:\s*\[/.test(text) && /"callFrame"\s*:/.test(text)) {
    return wrong('a Chrome DevTools CPU profile (.cpuprofile JSON)', advice);
  }
  return wrong('JSON', advice);
}

/**
 * `/debug/pprof/cmdline` writes os.Args joined by NUL bytes: printable
 * arguments, at least one NUL, no other control bytes. Returns the
 * arguments, or null.
 */
function cmdlineArgs(head: Uint8Array, total: number): string[] | null {
  if (total > HEAD_BYTES || head.indexOf(0) < 0) return null;
  const args: string[] = [];
  let start = 0;
  for (let i = 0; i <= head.length; i++) {
    if (i < head.length && head[i] !== 0) continue;
    const arg = textOf(head.subarray(start, i));
    if (arg === null || arg === '') return null;
    args.push(arg);
    start = i + 1;
  }
  return args;
}

/** The bytes as UTF-8 text, or null when they contain control bytes or invalid UTF-8 (a cut at the end is allowed). */
function textOf(bytes: Uint8Array): string | null {
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return null;
  for (let cut = 0; cut < 4 && cut <= bytes.length; cut++) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      // a multi-byte character may straddle the end: try a shorter prefix
    }
  }
  return null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function quote(s: string, max = MAX_QUOTED): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}
