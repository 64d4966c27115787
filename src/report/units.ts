/**
 * Sample-value units the way `go tool pprof` (Go 1.19 vendored pprof) handles
 * them: unit families and aliases, scaling between units (`--unit`, `auto`,
 * `minimum`), the scaled labels of `-top`'s flat/cum columns, percentages, and
 * the header lines built from them (Duration / Showing / Dropped).
 *
 * Everything is driven by {@link UNIT_FAMILIES}; number rendering goes through
 * ./gofmt.ts so digits match Go's fmt exactly.
 */

import { formatFloat, padRunes, sprintf } from './gofmt.js';
import { fixed2, general2 } from './gofmt-fast.js';
import { PprofError } from '../errors.js';

/** The unit families pprof knows; any other unit is passed through untouched. */
export type UnitFamilyName = 'bytes' | 'time' | 'gcu';

/** One concrete unit: printed name, accepted (lower-case, singular) aliases, size in the family's base unit. */
export interface UnitDef {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly factor: number;
}

/** A family of convertible units plus the unit used when a target is not in the family. */
export interface UnitFamily {
  readonly family: UnitFamilyName;
  readonly units: readonly UnitDef[];
  readonly fallback: { readonly name: string; readonly factor: number };
}

/**
 * pprof's unit table, in lookup order. Bytes scale by 1024 (`kB` = 1024 B).
 * Time stops at hours (`hrs`): there are no minutes or days in this pprof.
 * The `μs` alias is listed as pprof lists it, but it can never match: lookup
 * strips a trailing `s` from units longer than 2 *bytes*, and `μs` is 3 bytes.
 */
export const UNIT_FAMILIES: readonly UnitFamily[] = [
  {
    family: 'bytes',
    units: [
      { name: 'B', aliases: ['b', 'byte'], factor: 1 },
      { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    fallback: { name: 'B', factor: 1 },
  },
  {
    family: 'time',
    units: [
      { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
      { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    fallback: { name: 's', factor: 1e9 },
  },
  {
    family: 'gcu',
    units: [
      { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { name: 'GCU', aliases: ['gcu'], factor: 1 },
      { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    fallback: { name: 'GCU', factor: 1 },
  },
];

/** Targets that pick a unit per value (`auto`) or per report (`minimum`, pprof's default). */
export type AutoTarget = 'auto' | 'minimum';

/** A `--unit` target: a concrete unit name/alias, or an {@link AutoTarget}. */
export type UnitTarget = AutoTarget | (string & {});

/** Targets whose label is dropped when the source unit is not in any family. */
const SILENT_TARGETS: ReadonlySet<string> = new Set(['count', 'sample', 'unit', 'minimum', 'auto']);

/** A scaled value and the unit to print after it ("" for none). */
export interface ScaledValue {
  value: number;
  unit: string;
}

/** Go's strings.ToLower: simple per-rune mapping (no final-sigma context, İ -> i). */
export function goToLower(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const lowered = ch.toLowerCase();
    out += String.fromCodePoint(lowered.codePointAt(0) ?? 0);
  }
  return out;
}

/** Length of `s` in UTF-8 bytes (Go's len on a string). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** lookupIn's answers per family and unit string: a report scales thousands of values in one or two units. */
const lookups = new Map<UnitFamily, Map<string, UnitDef | null>>();

/** Find `unit` in one family: lower-cased, a trailing `s` dropped when longer than 2 bytes, then matched against aliases. */
function lookupIn(family: UnitFamily, unit: string): UnitDef | undefined {
  let known = lookups.get(family);
  if (known === undefined) lookups.set(family, (known = new Map()));
  const hit = known.get(unit);
  if (hit !== undefined) return hit ?? undefined;
  let key = goToLower(unit);
  if (utf8Length(key) > 2 && key.endsWith('s')) key = key.slice(0, -1);
  const def = family.units.find((u) => u.aliases.includes(key));
  // Unit strings come from profiles and flags: a few per run, but bound the table all the same.
  if (known.size < 1024) known.set(unit, def ?? null);
  return def;
}

/**
 * Resolve a unit string the way pprof does (case-insensitive, plural allowed:
 * `nanoseconds`, `Bytes`, `hrs`, `MB`). Returns undefined for units outside the table.
 */
export function findUnit(unit: string): { family: UnitFamily; unit: UnitDef } | undefined {
  for (const family of UNIT_FAMILIES) {
    const def = lookupIn(family, unit);
    if (def !== undefined) return { family, unit: def };
  }
  return undefined;
}

/** Largest unit of the family in which `base` (a non-negative amount of base units) is at least 1. */
function autoPick(family: UnitFamily, base: number): ScaledValue | undefined {
  let best: UnitDef | undefined;
  for (const u of family.units) {
    if ((best === undefined || u.factor >= best.factor) && base / u.factor >= 1) best = u;
  }
  return best === undefined ? undefined : { value: base / best.factor, unit: best.name };
}

/**
 * pprof's measurement.Scale: convert `value` (an int64 sample value) from
 * `fromUnit` to `toUnit`.
 *
 * - Negative values are scaled as their magnitude, then negated.
 * - `toUnit` `auto`/`minimum`: the largest unit of the family with a result >= 1;
 *   zero falls back to the family default (`B`, `s`, `GCU`).
 * - A concrete `toUnit` outside `fromUnit`'s family also yields the family default.
 * - `fromUnit` outside every family: value unchanged; unit "" for
 *   `count|sample|unit|minimum|auto`, otherwise `toUnit` verbatim.
 */
export function scaleValue(value: number, fromUnit: string, toUnit: UnitTarget): ScaledValue {
  if (value < 0) {
    const pos = scaleValue(-value, fromUnit, toUnit);
    return { value: -pos.value, unit: pos.unit };
  }
  const v = value === 0 ? 0 : value; // an int64 has no -0
  const fixed = fixedScale(fromUnit, toUnit);
  if (fixed !== null) return { value: (v * fixed.mul) / fixed.div, unit: fixed.unit };
  // `auto` / `minimum`: the unit depends on the value.
  for (const family of UNIT_FAMILIES) {
    const from = lookupIn(family, fromUnit);
    if (from === undefined) continue;
    const base = v * from.factor;
    return autoPick(family, base) ?? { value: base / family.fallback.factor, unit: family.fallback.name };
  }
  return { value: v, unit: '' };
}

/**
 * {@link scaleValue}'s conversion for a concrete target (not `auto` or
 * `minimum`), which does not depend on the value: the magnitude is
 * multiplied by `mul`, then divided by `div`, and printed with `unit`. A
 * `fromUnit` outside every family is left as it is (1 and 1), and labelled
 * "" for `count|sample|unit`, otherwise with `toUnit` verbatim.
 */
function fixedScale(fromUnit: string, toUnit: UnitTarget): { mul: number; div: number; unit: string } | null {
  if (toUnit === 'auto' || toUnit === 'minimum') return null;
  for (const family of UNIT_FAMILIES) {
    const from = lookupIn(family, fromUnit);
    if (from === undefined) continue;
    const to = lookupIn(family, toUnit);
    return to !== undefined
      ? { mul: from.factor, div: to.factor, unit: to.name }
      : { mul: from.factor, div: family.fallback.factor, unit: family.fallback.name };
  }
  return { mul: 1, div: 1, unit: SILENT_TARGETS.has(toUnit) ? '' : toUnit };
}

/**
 * The label of a scaled value given as its magnitude and sign: Go `%.2f`
 * (the short path of gofmt-fast.ts where it can tell, else formatFloat), a
 * `.00` suffix dropped, and a bare `0` for anything that rounds to zero.
 */
function scaledLabel(magnitude: number, negative: boolean, unit: string): string {
  const fast = fixed2(magnitude);
  let text = fast === null ? formatFloat(negative ? -magnitude : magnitude, 'f', 2) : (negative ? '-' : '') + fast;
  if (text.endsWith('.00')) text = text.slice(0, -3);
  if (text === '0' || text === '-0') return '0';
  return text + unit;
}

/**
 * pprof's measurement.ScaledLabel: the text of `-top`'s flat and cum columns.
 * Scales, prints with Go `%.2f`, drops a `.00` suffix, and prints anything
 * that rounds to zero as a bare `0` (no unit, no sign). E.g. `10ms`, `1.20s`,
 * `512.01kB`, `-1.50MB`, `3` (counts carry no unit).
 */
export function formatScaled(value: number, unit: string, outputUnit: UnitTarget): string {
  const scaled = scaleValue(value, unit, outputUnit);
  return scaledLabel(Math.abs(scaled.value), scaled.value < 0, scaled.unit);
}

/** pprof's measurement.Label: {@link formatScaled} with the `auto` target. */
export function formatLabel(value: number, unit: string): string {
  return formatScaled(value, unit, 'auto');
}

/**
 * pprof's measurement.Percentage, as printed in the flat%, sum% and cum% columns
 * (always the magnitude; padded to at least 6 characters):
 * - total 0 -> `    0%`
 * - 99.95..100.05 -> `  100%`
 * - >= 1 -> `%5.2f%%` (`24.55%`, ` 5.00%`, `150.00%`)
 * - below 1 -> `%5.2g%%` (`  0.5%`, ` 0.12%`, `0.0012%`, `1.2e-05%`)
 */
export function formatPercent(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio === 0) return '    0%';
  // sprintf('%5.2f%%') or sprintf('%5.2g%%') without the directive dispatch: three per row of a report.
  const fast = ratio >= 1 ? fixed2(ratio) : general2(ratio);
  if (fast !== null) return (fast.length < 5 ? ' '.repeat(5 - fast.length) + fast : fast) + '%';
  return padRunes(formatFloat(ratio, ratio >= 1 ? 'f' : 'g', 2), 5) + '%';
}

/**
 * The ratio values are shown at for pprof's `-divide_by` (1 / divideBy; 1
 * when it is not given). pprof refuses 0 with the same words; a negative,
 * infinite or NaN divisor gives a ratio {@link applyRatio} ignores, as in
 * pprof. Throws PprofError 'bad-option'.
 */
export function divideByRatio(divideBy: number | undefined): number {
  if (divideBy === undefined) return 1;
  if (divideBy === 0) throw new PprofError('bad-option', 'zero divisor specified');
  return 1 / divideBy;
}

/** pprof's `-divide_by` ratio as applied before formatting: int64(value × ratio) unless ratio is 0, negative or 1. */
export function applyRatio(value: number, ratio = 1): number {
  if (ratio > 0 && ratio !== 1) return Math.trunc(value * ratio) + 0;
  return value;
}

/** The report's value formatter (rpt.formatValue): ratio, then {@link formatScaled}. */
export type ValueFormatter = (value: number) => string;

/**
 * Build the formatter used for every value of a report once its output unit
 * is known. With a concrete unit (what `top` settles on) the conversion is
 * worked out here once, not per value: the same text as {@link formatScaled}.
 */
export function makeValueFormatter(sampleUnit: string, outputUnit: UnitTarget, ratio = 1): ValueFormatter {
  const fixed = fixedScale(sampleUnit, outputUnit);
  if (fixed === null) return (value) => formatScaled(applyRatio(value, ratio), sampleUnit, outputUnit);
  const { mul, div, unit } = fixed;
  return (value) => {
    const v = applyRatio(value, ratio);
    return scaledLabel(((v < 0 ? -v : v) * mul) / div, v < 0, unit);
  };
}

/** Inputs of {@link chooseOutputUnit}. */
export interface OutputUnitInput {
  /** Flat and cum values of the nodes that will be shown (after trimming). */
  nodes: ReadonlyArray<{ readonly flat: number; readonly cum: number }>;
  /** The report total. */
  total: number;
  /** The sample type's unit exactly as in the profile (`go tool pprof` does not lower-case it). */
  sampleUnit: string;
  /** The requested `--unit`; only `minimum` (the default) triggers a choice. */
  outputUnit: UnitTarget;
  /** `-divide_by` ratio (1 when unused). */
  ratio?: number;
  /** Callgrind output keeps integer values, so never widens the unit. */
  callgrind?: boolean;
}

/**
 * pprof's selectOutputUnit: with `--unit=minimum` pick one unit for the whole
 * report from the smallest non-zero node value (its |flat|, or |cum| when flat
 * is 0). When that unit differs from the total's and the smallest value is
 * below 1% of the total, the unit of 100×smallest is used instead, so small
 * values read like `0.01s` rather than forcing `ms` on everything. Unknown
 * units resolve to the sample unit itself. Other targets are returned as is.
 */
export function chooseOutputUnit(input: OutputUnitInput): string {
  const { nodes, sampleUnit, outputUnit } = input;
  if (outputUnit !== 'minimum' || nodes.length === 0) return outputUnit;
  let minValue = 0;
  for (const n of nodes) {
    let nodeMin = Math.abs(n.flat);
    if (nodeMin === 0) nodeMin = Math.abs(n.cum);
    if (nodeMin > 0 && (minValue === 0 || nodeMin < minValue)) minValue = nodeMin;
  }
  let maxValue = input.total;
  if (minValue === 0) minValue = maxValue;
  const ratio = input.ratio ?? 1;
  if (ratio > 0 && ratio !== 1) {
    minValue = Math.trunc(minValue * ratio);
    maxValue = Math.trunc(maxValue * ratio);
  }
  return unitOfSmallest(minValue, maxValue, sampleUnit, input.callgrind === true);
}

/** The second half of chooseOutputUnit: its pick from the smallest value and the total (both after the ratio). */
function unitOfSmallest(minValue: number, maxValue: number, sampleUnit: string, callgrind: boolean): string {
  const minUnit = scaleValue(minValue, sampleUnit, 'minimum').unit;
  const maxUnit = scaleValue(maxValue, sampleUnit, 'minimum').unit;
  let unit = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue && !callgrind) {
    unit = scaleValue(100 * minValue, sampleUnit, 'minimum').unit;
  }
  return unit !== '' ? unit : sampleUnit;
}

/**
 * What {@link chooseOutputUnit} picks (`--unit=minimum`, no ratio, not
 * callgrind) for at least one node shown when all that is known of the
 * smallest node value is that it lies in `[lo, hi]`, integers with
 * 1 <= lo <= hi; null when the pick could differ inside the range. The
 * pick reads the smallest value only through three steps that never go
 * back as the value grows: its unit (the largest one it reaches at least
 * once, defined for any value of at least 1 in a unit of the family),
 * whether 100 times it is below the total, and the unit of 100 times it.
 * So when all three agree at both ends they agree in between.
 */
export function outputUnitWithin(lo: number, hi: number, total: number, sampleUnit: string): string | null {
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && lo <= hi)) return null;
  const steps = (m: number): string => [
    scaleValue(m, sampleUnit, 'minimum').unit, String(m * 100 < total), scaleValue(100 * m, sampleUnit, 'minimum').unit,
  ].join('\u0000');
  return steps(lo) === steps(hi) ? unitOfSmallest(lo, total, sampleUnit, false) : null;
}

/**
 * The `Duration: 5.01s, Total samples = 1.23s (24.55%)` header line. The
 * duration is auto-scaled from nanoseconds; the percentage appears only when
 * the sample unit is a time unit and the total is non-zero — otherwise the
 * line ends with a single trailing space, exactly like pprof. `total` is the
 * raw report total (the ratio is applied by `formatValue`, not to the percentage).
 */
export function formatDurationLine(durationNanos: number, total: number, sampleUnit: string, formatValue: ValueFormatter): string {
  const duration = formatLabel(durationNanos, 'nanoseconds');
  const inNanos = scaleValue(total, sampleUnit, 'nanoseconds');
  let ratio = '';
  if (inNanos.unit === 'ns' && inNanos.value !== 0) {
    ratio = '(' + formatPercent(Math.trunc(inNanos.value), durationNanos) + ')';
  }
  return `Duration: ${duration}, Total samples = ${formatValue(total)} ${ratio}`;
}

/** `Showing nodes accounting for 1.20s, 97.56% of 1.23s total` (percentage trimmed of padding). */
export function formatShowingLine(flatSum: number, total: number, formatValue: ValueFormatter): string {
  const pct = formatPercent(flatSum, total).trim();
  return `Showing nodes accounting for ${formatValue(flatSum)}, ${pct} of ${formatValue(total)} total`;
}

/** What was dropped: nodes are cut by cum, edges by frequency. */
export type DroppedKind = 'node' | 'edge';

/**
 * `Dropped 12 nodes (cum <= 0.01s)`: the threshold is |int64(total × fraction)|
 * (`--nodefraction`, default 0.005; `--edgefraction` 0.001), formatted like any value.
 * pprof prints it only when the total is non-zero and something was dropped.
 */
export function formatDroppedLine(count: number, kind: DroppedKind, total: number, fraction: number, formatValue: ValueFormatter): string {
  const noun = count > 1 ? `${kind}s` : kind;
  const measure = kind === 'node' ? 'cum' : 'freq';
  const threshold = Math.abs(Math.trunc(total * fraction));
  return sprintf('Dropped %d %s (%s <= %s)', count, noun, measure, formatValue(threshold));
}

/** `Showing top 10 nodes out of 57` (pprof prints it when 0 < shown < total nodes and the total is non-zero). */
export function formatTopNodesLine(shown: number, outOf: number): string {
  return sprintf('Showing top %d nodes out of %d', shown, outOf);
}
