/**
 * The progress line shown on a terminal while a profile is fetched: first a
 * countdown of the seconds the server is collecting for, then the bytes
 * received. It redraws one line in place and erases it when done, so it
 * never mixes with the report; it is not drawn at all off a terminal.
 */

import type { RequestProgress } from './request.js';

/** The part of a stream the progress line needs (process.stderr fits). */
export interface ProgressStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

/** A live progress line; `update` is the request's onProgress, `stop` erases the line. */
export interface ProgressLine {
  update(p: RequestProgress): void;
  stop(): void;
}

/** Minimum time between two redraws for byte counts (a fast body would otherwise flood the terminal). */
const REDRAW_MS = 100;

/**
 * Starts a progress line on `stream` for fetching `label`, or returns a no-op
 * when the stream is not a TTY or `quiet` is set.
 */
export function startProgress(stream: ProgressStream, label: string, durationSeconds: number,
  quiet: boolean, now: () => number = Date.now): ProgressLine {
  if (quiet || stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const started = now();
  let received = -1;
  let total: number | undefined;
  let lastDraw = 0;
  let drawn = false;
  const draw = (): void => {
    const text = received >= 0 ? receivingText(label, received, total) : waitingText(label, durationSeconds, now() - started);
    stream.write(`\r\x1b[K${text}`);
    drawn = true;
    lastDraw = now();
  };
  const ticker = setInterval(() => { if (received < 0) draw(); }, 1000);
  ticker.unref();
  draw();
  return {
    update(p) {
      if (p.phase !== 'receiving' || p.received === 0) return;
      received = p.received;
      total = p.total;
      if (now() - lastDraw >= REDRAW_MS) draw();
    },
    stop() {
      clearInterval(ticker);
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `fetching cpu from 127.0.0.1:6060: 27s left` (or `waiting for …` once the time is up). */
export function waitingText(label: string, durationSeconds: number, elapsedMs: number): string {
  if (durationSeconds <= 0) return `fetching ${label}…`;
  const left = Math.ceil(durationSeconds - elapsedMs / 1000);
  return left > 0 ? `fetching ${label}: collecting, ${left}s left` : `fetching ${label}: waiting for the server…`;
}

/** `fetching heap from 127.0.0.1:6060: received 12.3 kB of 40.0 kB`. */
export function receivingText(label: string, received: number, total: number | undefined): string {
  return `fetching ${label}: received ${formatBytes(received)}` + (total === undefined ? '' : ` of ${formatBytes(total)}`);
}

/** Human byte counts with decimal units: 999 B, 12.3 kB, 4.5 MB. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
