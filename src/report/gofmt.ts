/**
 * Go `fmt` reproduction for the handful of verbs pprof's text reports use.
 *
 * pprof renders every number through Go's `fmt` package (`%.2f` for scaled
 * labels, `%5.2f` / `%5.2g` for percentages, `%10s` for column padding, `%d`
 * for counts). JavaScript's `toFixed` / `toPrecision` / `String()` differ from
 * Go in rounding of exact ties (Go rounds half to even on the exact binary
 * value), in exponent spelling (`1e+06` vs `1e+6`) and in when `%g` switches to
 * exponent form, so this module formats from the exact decimal expansion of the
 * float64 instead.
 *
 * Verified against real Go output: see test/vectors/gen-units.go.
 */

/** Float verbs understood by {@link formatFloat} (as in Go's `strconv.FormatFloat`). */
export type FloatVerb = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/** An argument accepted by {@link sprintf}: `number` is a Go float64, `bigint` a Go int64. */
export type GoArg = string | number | bigint;

/** Parsed flags, width and precision of one `%` directive. */
export interface GoVerbSpec {
  /** `-` flag: pad on the right. */
  minus: boolean;
  /** `+` flag: always print a sign for numbers. */
  plus: boolean;
  /** ` ` flag: leave a space where a `+` sign would go. */
  space: boolean;
  /** `0` flag: pad with leading zeros (ignored when `-` is present). */
  zero: boolean;
  /** Minimum width in runes, or undefined. */
  width: number | undefined;
  /** Precision, or undefined when absent. */
  precision: number | undefined;
}

/** Decimal digits of a non-negative value: value = 0.DIGITS × 10^dp. No leading/trailing zeros; "" is zero. */
interface Digits {
  digits: string;
  dp: number;
}

const ZERO_DIGITS: Digits = { digits: '', dp: 0 };

/** Exact decimal expansion of a finite, non-negative float64 (every binary float has one). */
function exactDigits(x: number): Digits {
  if (x === 0) return ZERO_DIGITS;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) {
    exp2 = -1074; // subnormal
  } else {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
  let text: string;
  let dp: number;
  if (exp2 >= 0) {
    text = (mant << BigInt(exp2)).toString();
    dp = text.length;
  } else {
    // mant / 2^k == mant * 5^k / 10^k
    text = (mant * 5n ** BigInt(-exp2)).toString();
    dp = text.length + exp2;
  }
  return { digits: text.replace(/0+$/, ''), dp };
}

/** Shortest digits that read back as `x` (ECMAScript and Go's Ryu agree on these). */
function shortestDigits(x: number): Digits {
  if (x === 0) return ZERO_DIGITS;
  const [mantissa = '', exponent = '0'] = x.toExponential().split('e');
  return { digits: mantissa.replace('.', '').replace(/0+$/, ''), dp: Number(exponent) + 1 };
}

/** Keep `n` leading digits, rounding the exact value half to even. */
function roundTo(d: Digits, n: number): Digits {
  if (n < 0) return ZERO_DIGITS; // everything is below half a unit of the kept position
  if (n >= d.digits.length) return d;
  const next = d.digits.charCodeAt(n) - 48;
  const moreAfter = n + 1 < d.digits.length; // digits are trimmed, so "more" means nonzero
  let up = next > 5 || (next === 5 && moreAfter);
  if (next === 5 && !moreAfter) up = n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    if (i < 0) {
      kept = '1';
      dp += 1;
    } else {
      kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
    }
  }
  kept = kept.replace(/0+$/, '');
  return kept === '' ? ZERO_DIGITS : { digits: kept, dp };
}

/**
 * `roundTo(exactDigits(x), n)` through toExponential, which rounds the exact
 * binary value as Go does except on an exact tie (it rounds up, Go to even);
 * on a possible tie, or out of the range where the check is exact, the
 * exact path decides. Percentages go through here (`%5.2g`), thousands per
 * report.
 */
function roundedDigits(x: number, n: number): Digits {
  if (x === 0 || n < 1) return roundTo(exactDigits(x), n);
  if (n <= 15) {
    const text = x.toExponential(n - 1);
    const ePos = text.indexOf('e');
    const mantissa = n === 1 ? text.slice(0, ePos) : text.slice(0, 1) + text.slice(2, ePos);
    const exp = Number(text.slice(ePos + 1));
    const k = n - 1 - exp; // x ≈ mantissa / 10^k
    if (k >= -22 && k <= 22) {
      const m = Number(mantissa);
      // A tie is exactly halfway between two n-digit values; such a value is a double, and
      // scaling the halfway point by an exact power of ten reproduces it (see fixedFast).
      const lo = k >= 0 ? (m - 0.5) / 10 ** k : (m - 0.5) * 10 ** -k;
      const hi = k >= 0 ? (m + 0.5) / 10 ** k : (m + 0.5) * 10 ** -k;
      if (lo !== x && hi !== x) {
        let end = mantissa.length;
        while (end > 1 && mantissa.charCodeAt(end - 1) === 48) end--;
        return { digits: mantissa.slice(0, end), dp: exp + 1 };
      }
    }
  }
  return roundTo(exactDigits(x), n);
}

/** Digit at position i of the expansion, '0' outside it. */
function digitAt(d: Digits, i: number): string {
  return i >= 0 && i < d.digits.length ? (d.digits[i] as string) : '0';
}

/** d.ddd e±XX with `frac` fractional digits. */
function layoutExp(d: Digits, frac: number, e: 'e' | 'E'): string {
  let out = digitAt(d, 0);
  if (frac > 0) {
    out += '.';
    for (let i = 1; i <= frac; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return out + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + String(abs);
}

/** ddd.ddd with `frac` fractional digits. */
function layoutFixed(d: Digits, frac: number): string {
  let out = '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  } else {
    out = '0';
  }
  if (frac > 0) {
    out += '.';
    for (let i = 0; i < frac; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

/**
 * Go's `strconv.FormatFloat(value, verb, precision, 64)`.
 *
 * A negative precision asks for the fewest digits that read back exactly.
 * `g` switches to exponent form when the decimal exponent is < -4 or >= the
 * precision; for the shortest form that threshold is 6 (not 21 as in JS), so
 * 1e6 prints `1e+06` and 123456 prints `123456`. `g` drops trailing zeros. Exponents have at least two
 * digits. Infinities are `+Inf` / `-Inf`, NaN is `NaN`; negative zero keeps its sign.
 *
 * @param value any float64
 * @param verb one of e E f F g G
 * @param precision digits after the point (e, f) or significant digits (g); -1 for shortest
 */
export function formatFloat(value: number, verb: FloatVerb, precision = -1): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const abs = Math.abs(value);
  const lower = verb.toLowerCase() as 'e' | 'f' | 'g';
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  const shortest = precision < 0;

  if (lower === 'e') {
    const d = shortest ? shortestDigits(abs) : roundedDigits(abs, precision + 1);
    return sign + layoutExp(d, shortest ? Math.max(d.digits.length - 1, 0) : precision, e);
  }
  if (lower === 'f') {
    if (shortest) {
      const d = shortestDigits(abs);
      return sign + layoutFixed(d, Math.max(d.digits.length - d.dp, 0));
    }
    const fast = fixedFast(abs, precision);
    if (fast !== null) return sign + fast;
    const exact = exactDigits(abs);
    return sign + layoutFixed(roundTo(exact, exact.dp + precision), precision);
  }

  // %g: significant digits; the exponent decides between the two layouts.
  let prec = shortest ? 0 : Math.max(precision, 1);
  const d = shortest ? shortestDigits(abs) : roundedDigits(abs, prec);
  const nd = d.digits.length;
  if (shortest) prec = nd;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    return sign + layoutExp(d, Math.min(prec, nd) - 1, e);
  }
  return sign + layoutFixed(d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
}

/**
 * `%.Nf` of a non-negative value through toFixed, which rounds the exact
 * binary value as Go does except on an exact tie (toFixed then rounds up, Go
 * to even); null when the value may be a tie or is too large for the check,
 * and the exact path decides. A report formats thousands of values, and the
 * exact expansion costs a bigint product each.
 */
function fixedFast(abs: number, precision: number): string | null {
  if (precision > 8) return null;
  const scale = 10 ** precision;
  if (abs * scale >= 2 ** 52) return null;
  const text = abs.toFixed(precision);
  const n = Number(text.replace('.', ''));
  // A tie is a value exactly halfway between n - 1 and n (or n and n + 1): such a value is a double,
  // so dividing the halfway point reproduces it; other values only rarely do, and then take the exact path.
  if ((n - 0.5) / scale === abs || (n + 0.5) / scale === abs) return null;
  return text;
}

/** Number of Unicode code points (Go runes) in `s`; Go pads by rune count. */
function runeCount(s: string): number {
  let n = s.length;
  // Each surrogate pair is one code point; a lone surrogate counts as one, as for...of counts it.
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Go's `%{width}s`: `s` padded on the left with spaces to `width` runes.
 * Reports call it for each cell of thousands of rows, where going through
 * sprintf's directive dispatch costs more than the padding.
 */
export function padRunes(s: string, width: number): string {
  const missing = width - runeCount(s);
  return missing > 0 ? ' '.repeat(missing) + s : s;
}

/** Pad `body` to the spec's width with `fill`, on the left unless `-` is set. */
function pad(body: string, spec: GoVerbSpec, fill: ' ' | '0'): string {
  if (spec.width === undefined) return body;
  const missing = spec.width - runeCount(body);
  if (missing <= 0) return body;
  const filler = (spec.minus ? ' ' : fill).repeat(missing);
  return spec.minus ? body + filler : filler + body;
}

/** Go's float directive (`%8.3f`, `%+g`, `%v`, ...) applied to a float64. */
export function formatFloatVerb(value: number, verb: FloatVerb | 'v', spec: GoVerbSpec): string {
  // %v is %g; %e %f without a precision default to 6 digits, %g to shortest.
  const v = verb === 'v' ? 'g' : verb;
  const defaultPrec = v === 'g' || v === 'G' ? -1 : 6;
  let num = formatFloat(value, v, spec.precision ?? defaultPrec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (spec.space && num[0] === '+' && !spec.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    // Inf keeps its sign; NaN drops an unrequested one. Never zero-padded.
    if (num[1] === 'N' && !spec.space && !spec.plus) num = num.slice(1);
    return pad(num, spec, ' ');
  }
  if (spec.plus || num[0] !== '+') {
    const width = spec.width ?? 0;
    if (spec.zero && !spec.minus && width > num.length) {
      return num[0] + '0'.repeat(width - num.length) + num.slice(1);
    }
    return pad(num, spec, ' ');
  }
  return pad(num.slice(1), spec, spec.zero ? '0' : ' ');
}

/** Go's `%d` directive applied to an integer (`number` must be a safe integer). */
export function formatIntVerb(value: number | bigint, spec: GoVerbSpec): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`%d needs an integer, got ${value}`);
  }
  const big = BigInt(value);
  const negative = big < 0n;
  let digits = (negative ? -big : big).toString();
  let minDigits = 0;
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && big === 0n) return pad('', spec, ' ');
    minDigits = spec.precision;
  } else if (spec.zero && !spec.minus && spec.width !== undefined) {
    minDigits = spec.width - (negative || spec.plus || spec.space ? 1 : 0);
  }
  if (digits.length < minDigits) digits = '0'.repeat(minDigits - digits.length) + digits;
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec, ' ');
}

/** Go's `%s` directive: precision truncates to that many runes; Go 1.19 honours `0` padding. */
export function formatStringVerb(value: string, spec: GoVerbSpec): string {
  let s = value;
  if (spec.precision !== undefined) s = Array.from(s).slice(0, spec.precision).join('');
  return pad(s, spec, spec.zero && !spec.minus ? '0' : ' ');
}

const DIRECTIVE = /%([-+ 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/y;

/** A format string cut into literal text and directives. */
type FormatPart = string | { readonly verb: string; readonly spec: GoVerbSpec };

/** Parsed format strings: a report formats thousands of rows with the same few formats. */
const parsedFormats = new Map<string, readonly FormatPart[]>();

function parsedFormat(format: string): readonly FormatPart[] {
  const known = parsedFormats.get(format);
  if (known !== undefined) return known;
  const parts: FormatPart[] = [];
  let i = 0;
  while (i < format.length) {
    const at = format.indexOf('%', i);
    if (at < 0) {
      parts.push(format.slice(i));
      break;
    }
    if (at > i) parts.push(format.slice(i, at));
    DIRECTIVE.lastIndex = at;
    const m = DIRECTIVE.exec(format);
    if (m === null) throw new SyntaxError(`unsupported directive at ${at} in ${JSON.stringify(format)}`);
    i = DIRECTIVE.lastIndex;
    const [, flags = '', width, precision, verb = ''] = m;
    if (verb === '%') {
      parts.push('%');
      continue;
    }
    parts.push({
      verb,
      spec: Object.freeze({
        minus: flags.includes('-'),
        plus: flags.includes('+'),
        space: flags.includes(' '),
        zero: flags.includes('0') && !flags.includes('-'),
        width: width === undefined ? undefined : Number(width),
        precision: precision === undefined ? undefined : Number(precision || '0'),
      }),
    });
  }
  // Formats are a program's constants; a caller building them on the fly must not grow this forever.
  if (parsedFormats.size < 256) parsedFormats.set(format, parts);
  return parts;
}

/**
 * A small `fmt.Sprintf`: verbs `%s %d %e %E %f %F %g %G %v %%` with flags
 * `- + space 0`, width and precision. `%v` prints a `number` as a Go float64
 * (`%g`), a `bigint` as an int64 and a string as is. Throws on anything else
 * (Go would print `%!verb(...)`, which pprof never does).
 *
 * @example sprintf('%10s %5.2f%%', '1.20s', 24.554) === '     1.20s 24.55%'
 */
export function sprintf(format: string, ...args: GoArg[]): string {
  const parts = parsedFormat(format);
  let out = '';
  let argIndex = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (argIndex >= args.length) throw new RangeError(`missing argument for %${part.verb}`);
    out += formatArg(args[argIndex++] as GoArg, part.verb, part.spec);
  }
  if (argIndex < args.length) throw new RangeError(`${args.length - argIndex} extra argument(s)`);
  return out;
}

/** Format one argument for one verb. */
function formatArg(arg: GoArg, verb: string, spec: GoVerbSpec): string {
  switch (verb) {
    case 's':
      if (typeof arg === 'string') return formatStringVerb(arg, spec);
      break;
    case 'd':
      if (typeof arg !== 'string') return formatIntVerb(arg, spec);
      break;
    case 'v':
      if (typeof arg === 'string') return formatStringVerb(arg, spec);
      if (typeof arg === 'bigint') return formatIntVerb(arg, spec);
      return formatFloatVerb(arg, 'v', spec);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      if (typeof arg === 'number') return formatFloatVerb(arg, verb, spec);
      break;
    default:
      throw new SyntaxError(`unsupported verb %${verb}`);
  }
  throw new TypeError(`%${verb} cannot format ${typeof arg}`);
}
