/**
 * pprof's label filters (-tagfocus / -tagignore) compiled into sample
 * predicates, with its exact reading of the option text:
 * - `key=VALUE` restricts the test to label `key`; a bare VALUE tests every key;
 * - VALUE is a numeric range when it is one number with an optional unit
 *   (`4kB`, exact), `N:` (at least), `:N` (at most) or `N:M` (both ends in the
 *   same unit family), e.g. `bytes=4kB:` or `1ms:10ms`; pprof then notes
 *   `Interpreted '…' as range, not regexp` on stderr;
 * - otherwise VALUE is a comma-separated list of regexes. With a key, a sample
 *   matches when any regex matches any value of that key; bare, every regex
 *   must match some `key:value` of the sample's string labels.
 * Numbers are compared after scaling both sides to the filter's unit, so a
 * `bytes` label of 4096 matches `4kB`; a label in another unit family never does.
 */

import type { SampleTable } from '../model/sample-table.js';
import { compileRegex } from '../query/regex.js';
import { sampleLabels } from '../query/labels.js';
import { scaleValue } from '../report/units.js';

/** A compiled label filter: does sample i match? */
export type SamplePredicate = (table: SampleTable, i: number) => boolean;

/** A numeric range test: does value v, in unit u, fall in the range? */
export type RangeTest = (v: number, unit: string) => boolean;

const RANGE_PART = /([+-]?[0-9]+)([A-Za-z]+)?/g;

/**
 * pprof's parseTagFilterRange: the range test `filter` stands for, or null
 * when it is not a range (then it is read as regexes).
 */
export function parseTagRange(filter: string): RangeTest | null {
  const parts = [...filter.matchAll(RANGE_PART)].slice(0, 2);
  const first = parts[0];
  if (first === undefined) return null;
  const unit1 = first[2] ?? '';
  const lo = scaleValue(Number(first[1]), unit1, unit1);
  const unit = lo.unit;
  const inUnit = (v: number, u: string): number | null => {
    const s = scaleValue(v, u, unit);
    return s.unit === unit ? s.value : null;
  };
  if (parts.length === 1) {
    const match = first[0];
    if (filter === match) return (v, u) => inUnit(v, u) === lo.value;
    if (filter === `${match}:`) return (v, u) => { const s = inUnit(v, u); return s !== null && s >= lo.value; };
    if (filter === `:${match}`) return (v, u) => { const s = inUnit(v, u); return s !== null && s <= lo.value; };
    return null;
  }
  const second = parts[1]!;
  if (filter !== `${first[0]}:${second[0]}`) return null;
  const hi = scaleValue(Number(second[1]), second[2] ?? '', unit);
  if (hi.unit !== unit) return null;
  return (v, u) => { const s = inUnit(v, u); return s !== null && s >= lo.value && s <= hi.value; };
}

/** A compiled label filter and the note pprof prints about it, if any. */
export interface CompiledTagFilter {
  readonly test: SamplePredicate;
  /** e.g. `tagfocus:Interpreted '4kB:' as range, not regexp`, or null. */
  readonly note: string | null;
}

/**
 * Compiles a -tagfocus / -tagignore value. `option` names it in notes and
 * errors; `unitOf` gives the display unit of a numeric label key (NumLabelUnits).
 * Throws PprofError 'bad-option' for a bad regex.
 */
export function compileTagFilter(option: string, text: string, unitOf: (key: string) => string): CompiledTagFilter {
  const eq = text.indexOf('=');
  const wantKey = eq >= 0 ? text.slice(0, eq) : '';
  const value = eq >= 0 ? text.slice(eq + 1) : text;

  const range = parseTagRange(value);
  if (range !== null) {
    const note = `${option}:Interpreted '${value}' as range, not regexp`;
    const anyIn = (vals: readonly bigint[], unit: string): boolean => vals.some((v) => range(Number(v), unit));
    if (wantKey === '') {
      return {
        note,
        test: (t, i) => {
          for (const [key, vals] of sampleLabels(t, i).num) if (anyIn(vals, unitOf(key))) return true;
          return false;
        },
      };
    }
    return {
      note,
      test: (t, i) => {
        const vals = sampleLabels(t, i).num.get(wantKey);
        return vals !== undefined && anyIn(vals, unitOf(wantKey));
      },
    };
  }

  const regexes = value.split(',').map((r) => compileRegex(r, option));
  if (wantKey === '') {
    return {
      note: null,
      test: (t, i) => {
        const labels = sampleLabels(t, i).str;
        return regexes.every((rx) => {
          for (const [key, vals] of labels) if (vals.some((v) => rx.test(`${key}:${v}`))) return true;
          return false;
        });
      },
    };
  }
  return {
    note: null,
    test: (t, i) => {
      const vals = sampleLabels(t, i).str.get(wantKey);
      return vals !== undefined && regexes.some((rx) => vals.some((v) => rx.test(v)));
    },
  };
}
