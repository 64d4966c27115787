/**
 * Parses the wait-time thresholds users type (`10m`, `1h30m`, `90s`) in Go's
 * duration syntax, into minutes, the unit goroutine dumps report waits in.
 */

import { PprofError } from '../errors.js';

const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, h: 60 };

/**
 * Minutes in a duration such as `10m`, `1h30m`, `90s` or `0`. A bare number
 * is minutes. Throws PprofError 'bad-option' naming `option`.
 */
export function parseWaitMinutes(text: string, option: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)([hms])/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MINUTES[m[2]!]!;
    pos = re.lastIndex;
  }
  if (s === '' || pos !== s.length) {
    throw new PprofError('bad-option', `${option}: invalid duration ${JSON.stringify(text)} (use e.g. 10m, 1h30m, 90s)`);
  }
  return total;
}
