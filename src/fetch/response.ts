/**
 * Judges a finished HTTP response: is it a profile body, or an error status,
 * a net/http/pprof error text (`X-Go-Pprof`), or an HTML page served where a
 * profile was expected? Each case becomes one line that says what to do.
 */

import { PprofError } from '../errors.js';
import type { HttpResponse } from './request.js';

/** Longest server-provided text quoted in an error line. */
const MAX_QUOTED = 200;

/** Throws PprofError 'http' unless `res` is a 2xx response whose body can be a profile. */
export function checkProfileResponse(res: HttpResponse): void {
  const type = headerText(res.headers['content-type']).toLowerCase();
  if (res.status < 200 || res.status > 299) {
    const statusLine = `${res.status}${res.statusText === '' ? '' : ' ' + res.statusText}`;
    const text = quotedText(res, type);
    // net/http/pprof marks its own error texts; they are the most useful thing to show.
    if (headerText(res.headers['x-go-pprof']) !== '' && text !== '') {
      throw new PprofError('http', `server error from ${res.url.href}: ${statusLine}: ${text}`);
    }
    if (res.status === 404) {
      throw new PprofError('http', `${statusLine} from ${res.url.href}: the server does not serve this profile` +
        (text === '' ? '' : ` (${text})`));
    }
    throw new PprofError('http', `server error from ${res.url.href}: ${statusLine}` + (text === '' ? '' : `: ${text}`));
  }
  if (type.startsWith('text/html') || looksLikeHtml(res.body)) {
    throw new PprofError('http', `${res.url.href} returned an HTML page, not a profile ` +
      `(profiles are served at /debug/pprof/<name>, e.g. /debug/pprof/heap)`);
  }
  if (res.body.length === 0) {
    throw new PprofError('http', `${res.url.href} returned an empty body, not a profile`);
  }
}

/** The first line of a short text body, for quoting in an error message. */
function quotedText(res: HttpResponse, type: string): string {
  if (type !== '' && !type.startsWith('text/plain')) return '';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(res.body.subarray(0, 4096));
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return '';
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > MAX_QUOTED ? line.slice(0, MAX_QUOTED) + '…' : line;
}

/** HTML starts with a tag or doctype after optional whitespace/BOM; profiles never do. */
function looksLikeHtml(body: Uint8Array): boolean {
  const head = new TextDecoder().decode(body.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}

/** A header's value as one string ('' when absent). */
export function headerText(v: string | string[] | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : v;
}
