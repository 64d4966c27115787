/**
 * The query API for assertions: `inspect(profile)` answers flat and cum of any
 * selection of frames or samples on the WHOLE profile (no node fraction, no
 * node count: a function too small for a top table still has its exact
 * value), as exact bigints, shares in [0, 1], percentages, or converted to a
 * unit. Semantics are pprof's at function granularity: flat counts a sample
 * for the function of its leaf frame (the innermost inlined line of the first
 * location); cum counts it once for every function anywhere in its stack.
 * Test/unit/testing/inspect.test.ts checks both against `topTable` with
 * nothing trimmed on the real fixtures.
 */

import type { Profile } from '../model/profile.js';
import type { ValueType } from '../model/types.js';
import { PprofError } from '../errors.js';
import { applyFilters, type FilterView } from '../query/filter.js';
import type { QueryOptions } from '../query/options.js';
import { resolveSampleIndex } from '../query/sample-index.js';
import { convertValue } from './amount.js';
import { closestNames, packageOf } from './names.js';
import {
  describeSelector, hasFrameFilter, matchFunctions, matchLabels, toSelector, type Selector, type SelectorInput,
} from './select.js';

/** Options of {@link inspect}: the sample value and pprof's frame filters. */
export interface InspectOptions extends Pick<QueryOptions, 'focus' | 'ignore' | 'hide' | 'show'> {
  /** Sample type name (`'cpu'`, `'alloc_space'`, `'inuse_space'`) or index; default as pprof (default type, else last). */
  sampleType?: string | number;
}

/** Options of a selection. */
export interface SelectOptions {
  /** When true, a selector that matches nothing yields zeros instead of throwing. */
  allowMissing?: boolean;
}

/** Which of a selection's values: exclusive (flat) or inclusive (cum). */
export type Metric = 'flat' | 'cum';

/** One function with its exact values over the whole profile. */
export interface FunctionStat {
  readonly name: string;
  /** Go package path ('' when the name has none). */
  readonly package: string;
  readonly flat: bigint;
  readonly cum: bigint;
  /** flat / total, in [0, 1] (magnitudes). */
  readonly flatShare: number;
  /** cum / total, in [0, 1] (magnitudes). */
  readonly cumShare: number;
}

/** A caller or callee of a function and the value that flows over that edge. */
export interface EdgeStat {
  readonly name: string;
  /** Sum of the samples in which this edge appears (each sample once). */
  readonly value: bigint;
  readonly share: number;
}

/** One distinct stack and its value. */
export interface StackStat {
  /** Function names, leaf (innermost) first; unnamed frames as `<unknown>`. */
  readonly frames: readonly string[];
  readonly value: bigint;
  readonly share: number;
}

/** Flat value per Go package. */
export interface PackageStat {
  readonly package: string;
  readonly value: bigint;
  readonly share: number;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** |a| / |b| as a number in [0, 1] for |a| <= |b|; 0 when b is 0. */
export function shareOf(a: bigint, b: bigint): number {
  return b === 0n ? 0 : Number(abs(a)) / Number(abs(b));
}

function byValueThenName<T extends { name: string }>(value: (x: T) => bigint): (a: T, b: T) => number {
  return (a, b) => {
    const va = abs(value(a));
    const vb = abs(value(b));
    return va !== vb ? (va > vb ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
}

/** The result of one selection: exact values, shares, percentages, conversions. */
export class Selection {
  /** @internal */
  constructor(
    /** What was selected, as a person reads it. */
    readonly description: string,
    /** Names of the functions the frame part matched (empty for a label-only selector). */
    readonly functions: readonly string[],
    /** Exclusive value, exact, in the sample unit. */
    readonly flat: bigint,
    /** Inclusive value (each sample once), exact, in the sample unit. */
    readonly cum: bigint,
    /** The whole profile's total (100%). */
    readonly total: bigint,
    /** The sample unit (`nanoseconds`, `bytes`, `count`). */
    readonly unit: string,
    /** Samples counted by cum. */
    readonly samples: number,
    private readonly leafFn: (metric: Metric) => Map<string, bigint>,
  ) {}

  /** flat / total in [0, 1]. */
  get flatShare(): number { return shareOf(this.flat, this.total); }
  /** cum / total in [0, 1]. */
  get cumShare(): number { return shareOf(this.cum, this.total); }
  /** flat as a percentage of the total (0..100). */
  get flatPercent(): number { return 100 * this.flatShare; }
  /** cum as a percentage of the total (0..100). */
  get cumPercent(): number { return 100 * this.cumShare; }

  /** The exact value of a metric. */
  value(metric: Metric): bigint { return metric === 'flat' ? this.flat : this.cum; }
  /** The share of a metric in [0, 1]. */
  share(metric: Metric): number { return metric === 'flat' ? this.flatShare : this.cumShare; }

  /**
   * A metric converted to `unit` (`'ms'`, `'s'`, `'MB'`...). Throws PprofError
   * 'bad-option' for a unit of another family (MB of a CPU profile).
   */
  in(unit: string, metric: Metric = 'flat'): number {
    return convertValue(Number(this.value(metric)), this.unit, unit, `unit of ${this.description}`);
  }

  /**
   * Where the selected value is spent: the leaf functions of the samples the
   * metric counts, largest first (for flat: the matched functions themselves).
   */
  contributors(metric: Metric = 'flat', n = 5): FunctionStat[] {
    const out = [...this.leafFn(metric)].map(([name, v]) => ({
      name, package: packageOf(name), flat: v, cum: v, flatShare: shareOf(v, this.total), cumShare: shareOf(v, this.total),
    }));
    return out.sort(byValueThenName((x) => x.flat)).slice(0, n);
  }
}

/** Names of frames are interned: one id per distinct function name; -1 for a frame without a function. */
const NO_FUNCTION = -1;

/**
 * A prepared profile for assertions. Build it once per profile with
 * {@link inspect}; every method walks the whole (filtered) profile exactly.
 */
export class ProfileInspector {
  /** The sample type the values measure. */
  readonly sampleType: ValueType;
  readonly sampleIndex: number;
  /** Sum of |value| over all samples, before filters: the 100% of every share (as pprof). */
  readonly total: bigint;
  /** Sum of |value| over the samples the focus/ignore filters keep. */
  readonly filteredTotal: bigint;
  private readonly view: FilterView;
  private readonly names: string[] = [];
  private readonly nameOfFunction: Int32Array;
  /** Per location, its frames' name ids, innermost first; offsets like the sample table's. */
  private readonly locFrames: Int32Array[];
  private statsCache: FunctionStat[] | undefined;

  constructor(readonly profile: Profile, options: InspectOptions = {}) {
    this.sampleIndex = resolveSampleIndex(profile, options.sampleType);
    this.sampleType = profile.sampleTypes[this.sampleIndex]!;
    this.view = applyFilters(profile, options);
    const ids = new Map<string, number>();
    this.nameOfFunction = Int32Array.from(profile.functions, (f) => {
      let id = ids.get(f.name);
      if (id === undefined) { id = this.names.length; ids.set(f.name, id); this.names.push(f.name); }
      return id;
    });
    this.locFrames = profile.locations.map((loc) => {
      if (this.view.hidden !== null && this.view.hidden[loc.index] === 1) return new Int32Array(0);
      const lines = this.view.locationLines[loc.index]!;
      if (lines.length === 0) return Int32Array.of(NO_FUNCTION);
      return Int32Array.from(lines, (ln) => this.nameOfFunction[ln.function.index]!);
    });
    let total = 0n;
    let filtered = 0n;
    this.forEachSample((_frames, v, i) => { filtered += abs(v); void i; });
    const { values, stride, count } = profile.samples;
    for (let i = 0; i < count; i++) total += abs(values[i * stride + this.sampleIndex]!);
    this.total = total;
    this.filteredTotal = filtered;
  }

  /** The sample unit (`nanoseconds`, `bytes`, `count`). */
  get unit(): string { return this.sampleType.unit; }

  /** Calls `fn` with each kept sample's frames (name ids, leaf first), its value and index. */
  private forEachSample(fn: (frames: number[], value: bigint, index: number) => void, only?: Uint8Array | null): void {
    const t = this.profile.samples;
    const keep = this.view.keep;
    for (let i = 0; i < t.count; i++) {
      if (keep !== null && keep[i] === 0) continue;
      if (only != null && only[i] === 0) continue;
      const frames: number[] = [];
      for (let k = t.locationOffsets[i]!; k < t.locationOffsets[i + 1]!; k++) {
        for (const f of this.locFrames[t.locationIndices[k]!]!) frames.push(f);
      }
      fn(frames, t.values[i * t.stride + this.sampleIndex]!, i);
    }
  }

  /** Every function that appears in a kept sample, with flat and cum; largest flat first, then name. */
  functions(): readonly FunctionStat[] {
    if (this.statsCache !== undefined) return this.statsCache;
    const flat = new Array<bigint>(this.names.length).fill(0n);
    const cum = new Array<bigint>(this.names.length).fill(0n);
    const seen = new Uint8Array(this.names.length);
    const stamp = new Int32Array(this.names.length).fill(-1);
    this.forEachSample((frames, v, i) => {
      if (frames.length > 0 && frames[0]! >= 0) flat[frames[0]!]! += v;
      for (const f of frames) {
        if (f < 0 || stamp[f] === i) continue;
        stamp[f] = i;
        seen[f] = 1;
        cum[f]! += v;
      }
    });
    const out: FunctionStat[] = [];
    for (let id = 0; id < this.names.length; id++) {
      if (seen[id] === 0) continue;
      const name = this.names[id]!;
      out.push({
        name, package: packageOf(name), flat: flat[id]!, cum: cum[id]!,
        flatShare: shareOf(flat[id]!, this.total), cumShare: shareOf(cum[id]!, this.total),
      });
    }
    out.sort(byValueThenName((x) => x.flat));
    this.statsCache = out;
    return out;
  }

  /** The `n` functions with the largest |flat| (or |cum| with `by: 'cum'`); ties by name. */
  hottest(n: number, by: Metric = 'flat'): FunctionStat[] {
    const all = [...this.functions()];
    if (by === 'cum') all.sort(byValueThenName((x) => x.cum));
    return all.slice(0, Math.max(0, n));
  }

  /** Names of the frames matched by a selector, as name-id flags; null for label-only selectors. */
  private matchedNames(s: Selector): Uint8Array | null {
    const fns = matchFunctions(this.profile, s);
    if (fns === null) return null;
    const out = new Uint8Array(this.names.length);
    for (let fi = 0; fi < fns.length; fi++) if (fns[fi] === 1) out[this.nameOfFunction[fi]!] = 1;
    return out;
  }

  /**
   * Flat and cum of a selection over the whole profile. A string is an exact
   * function name, a RegExp a function regex. Throws PprofError 'no-match'
   * (naming the closest existing names) when nothing matches, unless
   * `allowMissing` is set.
   */
  select(input: SelectorInput, options: SelectOptions = {}): Selection {
    const s = toSelector(input);
    const description = describeSelector(s);
    const names = this.matchedNames(s);
    const labels = matchLabels(this.profile, s);
    if (options.allowMissing !== true) this.checkFound(s, names, labels, description);
    let flat = 0n;
    let cum = 0n;
    let samples = 0;
    this.forEachSample((frames, v) => {
      if (names === null) { flat += v; cum += v; samples++; return; }
      if (frames.length > 0 && frames[0]! >= 0 && names[frames[0]!] === 1) flat += v;
      if (frames.some((f) => f >= 0 && names[f] === 1)) { cum += v; samples++; }
    }, labels);
    const matched = names === null ? [] : this.names.filter((_, id) => names[id] === 1).sort();
    const leafFn = (metric: Metric): Map<string, bigint> => {
      const m = new Map<string, bigint>();
      this.forEachSample((frames, v) => {
        const leaf = frames.length > 0 && frames[0]! >= 0 ? frames[0]! : NO_FUNCTION;
        const counted = names === null ||
          (metric === 'flat' ? leaf >= 0 && names[leaf] === 1 : frames.some((f) => f >= 0 && names[f] === 1));
        if (!counted) return;
        const name = leaf >= 0 ? this.names[leaf]! : '<unknown>';
        m.set(name, (m.get(name) ?? 0n) + v);
      }, labels);
      return m;
    };
    return new Selection(description, matched, flat, cum, this.total, this.unit, samples, leafFn);
  }

  /** Shorthand for `select({ function: name })`. */
  fn(name: string | RegExp, options: SelectOptions = {}): Selection {
    return this.select({ function: name }, options);
  }

  private checkFound(s: Selector, names: Uint8Array | null, labels: Uint8Array | null, description: string): void {
    if (names !== null && !names.includes(1)) {
      const [pool, wanted] = s.function !== undefined
        ? [this.profile.functions.map((f) => f.name), typeof s.function === 'string' ? s.function : s.function.source]
        : s.package !== undefined
          ? [this.profile.functions.map((f) => packageOf(f.name)), s.package]
          : [this.profile.functions.map((f) => f.filename), typeof s.file === 'string' ? s.file : String(s.file?.source)];
      const close = closestNames(wanted, pool);
      throw new PprofError('no-match', `no function matches ${description}` +
        (close.length > 0 ? `; did you mean ${close.join(', ')}?` : '') +
        ' (pass { allowMissing: true } if absence is expected)');
    }
    if (labels !== null && !labels.includes(1)) {
      const t = this.profile.samples;
      const keys = [...new Set(t.labelKeys)].sort();
      throw new PprofError('no-match', `no sample matches ${description}` +
        (keys.length > 0 ? `; label keys in this profile: ${keys.join(', ')}` : '; this profile has no labels') +
        ' (pass { allowMissing: true } if absence is expected)');
    }
  }

  private edges(input: SelectorInput, direction: 'callers' | 'callees', options: SelectOptions): EdgeStat[] {
    const s = toSelector(input);
    if (!hasFrameFilter(s)) throw new PprofError('bad-option', `${direction} needs a function, package or file selector`);
    const names = this.matchedNames(s)!;
    if (options.allowMissing !== true) this.checkFound(s, names, null, describeSelector(s));
    const labels = matchLabels(this.profile, s);
    const out = new Map<number, bigint>();
    this.forEachSample((frames, v) => {
      const edgeSet = new Set<number>();
      for (let k = 0; k < frames.length; k++) {
        const f = frames[k]!;
        if (f < 0 || names[f] !== 1) continue;
        const other = direction === 'callers' ? frames[k + 1] : frames[k - 1];
        if (other === undefined || other < 0 || names[other] === 1) continue; // recursion inside the selection
        edgeSet.add(other);
      }
      for (const o of edgeSet) out.set(o, (out.get(o) ?? 0n) + v);
    }, labels);
    return [...out].map(([id, value]) => ({ name: this.names[id]!, value, share: shareOf(value, this.total) }))
      .sort(byValueThenName((x) => x.value));
  }

  /** Functions that call the selection directly, with the value of each call edge (each sample once). */
  callers(input: SelectorInput, options: SelectOptions = {}): EdgeStat[] {
    return this.edges(input, 'callers', options);
  }

  /** Functions the selection calls directly, with the value of each call edge (each sample once). */
  callees(input: SelectorInput, options: SelectOptions = {}): EdgeStat[] {
    return this.edges(input, 'callees', options);
  }

  /** Distinct stacks (leaf first) containing a frame of the selection (all stacks without one), largest first. */
  stacks(input?: SelectorInput, options: SelectOptions = {}): StackStat[] {
    const s = input === undefined ? undefined : toSelector(input);
    const names = s === undefined ? null : this.matchedNames(s);
    const labels = s === undefined ? null : matchLabels(this.profile, s);
    if (s !== undefined && options.allowMissing !== true) this.checkFound(s, names, labels, describeSelector(s));
    const out = new Map<string, { frames: string[]; value: bigint }>();
    this.forEachSample((frames, v) => {
      if (names !== null && !frames.some((f) => f >= 0 && names[f] === 1)) return;
      const named = frames.map((f) => (f >= 0 ? this.names[f]! : '<unknown>'));
      const key = named.join('\n');
      const e = out.get(key);
      if (e === undefined) out.set(key, { frames: named, value: v });
      else e.value += v;
    }, labels);
    return [...out.values()]
      .map((e) => ({ frames: e.frames, value: e.value, share: shareOf(e.value, this.total), name: e.frames.join(';') }))
      .sort(byValueThenName((x) => x.value))
      .map(({ frames, value, share }) => ({ frames, value, share }));
  }

  /** Flat value per Go package (heap in use by package on a heap profile with `sampleType: 'inuse_space'`). */
  byPackage(): PackageStat[] {
    const m = new Map<string, bigint>();
    for (const f of this.functions()) m.set(f.package, (m.get(f.package) ?? 0n) + f.flat);
    return [...m].map(([pkg, value]) => ({ package: pkg, name: pkg, value, share: shareOf(value, this.total) }))
      .sort(byValueThenName((x) => x.value))
      .map(({ package: pkg, value, share }) => ({ package: pkg, value, share }));
  }

  /** The total converted to `unit` (`'ms'`, `'MB'`). Throws PprofError 'bad-option' for a unit of another family. */
  totalIn(unit: string): number {
    return convertValue(Number(this.total), this.unit, unit, 'unit of the total');
  }
}

/** Prepares a profile for assertions. Throws PprofError 'bad-option' for an unknown sample type or bad regex. */
export function inspect(profile: Profile, options: InspectOptions = {}): ProfileInspector {
  if (options.sampleType !== undefined && profile.sampleTypes.length === 0) {
    throw new PprofError('bad-option', 'profile has no sample types');
  }
  return new ProfileInspector(profile, options);
}
