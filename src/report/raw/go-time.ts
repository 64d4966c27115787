/**
 * Go's default text of times and durations, as Profile.String prints them:
 * time.Time's String (here always in UTC) and time.Duration's String.
 */

/** Go's `time.Unix(0, nanos).UTC().String()`, e.g. `2026-11-24 21:31:49.058712397 +0000 UTC`. */
export function goTimeString(nanos: bigint): string {
  const second = nanos >= 0n ? nanos / 1_000_000_000n : -((-nanos + 999_999_999n) / 1_000_000_000n);
  const frac = nanos - second * 1_000_000_000n;
  const d = new Date(Number(second) * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  let text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (frac !== 0n) text += '.' + frac.toString().padStart(9, '0').replace(/0+$/, '');
  return `${text} +0000 UTC`;
}

/** Go's fmtFrac: `v`'s last `prec` digits as a fraction without trailing zeros. */
function frac(v: bigint, prec: number): { text: string; rest: bigint } {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = digit.toString() + digits;
    v /= 10n;
  }
  return { text: printed ? `.${digits}` : '', rest: v };
}

/** Go's `time.Duration(nanos).String()`, e.g. `5.110453s`, `1m30s`, `1.5ms`, `0s`. */
export function goDurationString(nanos: bigint): string {
  const neg = nanos < 0n;
  let u = neg ? -nanos : nanos;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1_000n) { prec = 0; unit = 'ns'; } else if (u < 1_000_000n) { prec = 3; unit = 'µs'; } else { prec = 6; unit = 'ms'; }
    const f = frac(u, prec);
    out = `${f.rest}${f.text}${unit}`;
  } else {
    const f = frac(u, 9);
    u = f.rest;
    out = `${u % 60n}${f.text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
