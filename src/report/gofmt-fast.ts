/**
 * Go's `%.2f` without gofmt.ts's general machinery, for the numbers a text
 * report prints on every row: a `top` table formats five per row, thousands
 * of rows, each in code that has not been optimised yet, and the general
 * path (verb dispatch, `toFixed`, string surgery) took about 9 us a row.
 *
 * The value is scaled by 100 in one float multiplication, which is off the
 * exact product by at most half a unit in its last place, and rounded as an
 * integer. Where the product lies that close to a halfway point (Go rounds
 * the exact binary value half to even there) the answer is null and the
 * caller takes the exact path: this never prints anything gofmt.ts would
 * not.
 */

/** Largest product handled: its integer part and the digit split stay exact. */
const MAX_SCALED = 2 ** 40;

/** Go's `%.2f` of a finite non-negative `x` (no sign), or null when only the exact path can tell. */
export function fixed2(x: number): string | null {
  const y = x * 100;
  if (!(y < MAX_SCALED)) return null; // also NaN
  const whole = Math.floor(y);
  const frac = y - whole; // exact: y and its integer part are doubles this close
  // The product's error is at most y × 2^-53 (2^-1075 below the normal range); stay well clear of a tie.
  if (Math.abs(frac - 0.5) <= y * 2 ** -50 + 2 ** -1000) return null;
  const n = frac > 0.5 ? whole + 1 : whole;
  const cents = n % 100; // exact on integers below 2^53
  return `${(n - cents) / 100}${cents < 10 ? '.0' : '.'}${cents}`;
}

/** Exact powers of ten: 10^0 .. 10^22. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Go's `%.2g` of `x` with 0 < x < 1 (what percentages below 1% print), or
 * null when only the exact path can tell: the two significant digits come
 * from x × 10^k rounded as an integer, kept clear of halfway points and of
 * the ends of the two-digit range.
 */
export function general2(x: number): string | null {
  if (!(x > 0 && x < 1)) return null;
  let k = 1 - Math.floor(Math.log10(x)); // x × 10^k in [10, 100), give or take one for log10's rounding
  if (k > 22) return null;
  let y = x * POW10[k]!;
  if (y < 10) y = x * POW10[++k]!;
  else if (y >= 100) y = x * POW10[--k]!;
  if (k > 22 || !(y >= 10 * (1 + 2 ** -48) && y <= 100 * (1 - 2 ** -48))) return null;
  const whole = Math.floor(y);
  const frac = y - whole;
  if (Math.abs(frac - 0.5) <= y * 2 ** -50) return null;
  const n = frac > 0.5 ? whole + 1 : whole;
  // x ≈ n × 10^-k: digits and the exponent of the first one, trailing zeros dropped as %g drops them.
  const digits = n === 100 ? '1' : n % 10 === 0 ? String(n / 10) : String(n);
  const exp = n === 100 ? 2 - k : 1 - k;
  if (exp < -4) {
    // Exponent form: d.de-NN (at least two exponent digits).
    const mant = digits.length === 1 ? digits : `${digits[0]}.${digits[1]}`;
    return `${mant}e-${-exp < 10 ? '0' : ''}${-exp}`;
  }
  // Fixed form; here exp is -4 .. 0, and 0 only for "1".
  return exp === 0 ? digits : `0.${'0'.repeat(-exp - 1)}${digits}`;
}
