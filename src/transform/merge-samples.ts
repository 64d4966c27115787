/**
 * The samples half of a merge (pprof's profile.Merge), column-wise: samples
 * of all sources with the same stack (merged locations) and the same labels
 * (key order aside) become one, their values added as int64; samples that
 * enter all zero are skipped, and merged samples that sum to zero are left
 * out, with whatever only they used (pprof merges once more to drop them).
 * Merged samples keep the order in which they were first seen and the labels
 * of their first sample.
 *
 * Identities are 32-bit hashes in an open-addressing table of typed arrays,
 * confirmed against the first sample of the same hash by re-reading its
 * stack and labels from its source: nothing is kept per sample but its
 * source, index, hash and sums, and stacks stay packed in the input bytes.
 * The result goes through `buildProfile` as the decoder's columns, stacks
 * packed as the decoder leaves them (packed-writer.ts), so it is validated
 * and laid out like any decoded profile.
 */

import type { BuilderHeader } from '../model/builder.js';
import { buildProfile, functionNamesOf, type Profile } from '../model/profile.js';
import type { DecodedProfile, LabelText } from '../decode/types.js';
import { int64Halves, isZeroRow } from '../model/int64-halves.js';
import { entriesMixUnits } from '../model/sample-table.js';
import { mix } from './hash.js';
import { PackedStackWriter } from './packed-writer.js';
import { isNormalized, markNormalized, markSignSafe } from './rebuild.js';
import { MergedParts, type SourceParts } from './merge-parts.js';
import { sameLabels, SourceReader, type MergedView, type MergeSource, type ReaderInput, type StringIds } from './merge-source.js';

/** Testing knobs of {@link mergeSources}. */
export interface MergeTuning {
  /** Narrows the hashes of samples and locations (tests make every identity collide with 0). */
  readonly hashMask?: number;
}

/** The table of merged samples while sources are read. */
interface MergeTable {
  count: number;
  readonly slots: Int32Array;
  readonly hashes: Int32Array;
  readonly repSource: Int32Array;
  readonly repSample: Int32Array;
  /** Frames and kept label entries of each merged sample (sizes the output without reading the samples twice). */
  readonly frames: Int32Array;
  readonly labels: Int32Array;
  readonly sums: BigInt64Array;
}

function newTable(capacity: number, stride: number): MergeTable {
  let size = 1024;
  while (size < capacity * 2) size *= 2;
  return {
    count: 0, slots: new Int32Array(size).fill(-1), hashes: new Int32Array(capacity),
    repSource: new Int32Array(capacity), repSample: new Int32Array(capacity), frames: new Int32Array(capacity),
    labels: new Int32Array(capacity), sums: new BigInt64Array(capacity * stride),
  };
}

/** A merge's state once every source has been read: what output() and views are made from. */
interface Merged {
  readonly t: MergeTable;
  readonly readers: readonly SourceReader[];
  readonly frames: readonly SourceParts[];
  readonly parts: MergedParts;
  readonly depth: number;
  readonly stride: number;
}

/**
 * Merges the sources as pprof's profile.Merge does, each first scaled and
 * relabelled as its `ratios` and `label` ask. `header` is the merged header
 * (merge.ts checks compatibility and makes it).
 */
export function mergeSources(header: BuilderHeader, sources: readonly ReaderInput[], tuning: MergeTuning = {}): Profile {
  const inputs = sources.map((s) => ('view' in s ? s.view.profile : s.profile));
  return buildMerged(output(header, readAll(header.sampleTypes.length, sources, new Map(), tuning.hashMask ?? -1)), inputs);
}

/**
 * pprof's driver for -base and -diff_base, exactly: the new profile and the
 * base are each merged on their own, the new one scaled by `ratios(newSums,
 * baseSums)` when given (-normalize, from the merged type sums), the base
 * relabelled by `label` (-diff_base) and negated, and the two merged. The
 * one-profile merges are read as sources of the last one (MergedView)
 * instead of being built: only the result is. With `sumsOnly` (see
 * DiffOptions.sumsOnly) the one-profile merges are left out where that
 * changes no sum, and the result's samples are then pprof's sums, not its
 * sample list.
 */
export function mergeWithBase(
  header: BuilderHeader, p: Profile, base: Profile,
  options: {
    ratios?: (newSums: readonly bigint[], baseSums: readonly bigint[]) => readonly number[];
    label?: MergeSource['label'];
    sumsOnly?: boolean;
  },
  tuning: MergeTuning = {},
): Profile {
  const stride = header.sampleTypes.length;
  const hashMask = tuning.hashMask ?? -1;
  const ids: StringIds = new Map();
  const negate = base.sampleTypes.map(() => -1);
  // With -diff_base every base sample gets a label the new profile's samples lack, so no sample of
  // one side can equal a sample of the other, and each side's samples are already distinct: the
  // last merge then only puts the two lists one after the other (unless a side has that key already).
  const key = options.label?.key;
  const distinct = key !== undefined && !p.samples.hasLabelKey(key) && !base.samples.hasLabelKey(key);
  // For sums alone (see DiffOptions.sumsOnly) the merge of each side changes nothing when no value is
  // negative and nothing is scaled: it joins samples (the same sums) and drops all-zero ones, which the
  // last merge skips as they enter. The two sides then go into it as they are.
  if (options.sumsOnly === true && distinct && options.ratios === undefined &&
      !p.samples.hasNegativeValue() && !base.samples.hasNegativeValue()) {
    const sides = readAll(stride, [{ profile: p }, { profile: base, ratios: negate, label: options.label }], ids, hashMask, true);
    // Each side's values all have one sign (none negative, the base's negated), and the sides never share an identity.
    return buildMerged(output(header, sides), [p, base], true);
  }
  const a = viewOf(readAll(stride, [{ profile: p }], ids, hashMask), p);
  const b = viewOf(readAll(stride, [{ profile: base }], ids, hashMask), base);
  const ratios = options.ratios?.(typeSums(a.sums, stride), typeSums(b.sums, stride));
  const merged = readAll(stride, [{ view: a, ratios }, { view: b, ratios: negate, label: options.label }], ids, hashMask, distinct);
  return buildMerged(output(header, merged), [p, base]);
}

/**
 * A merge's output profile, marked as what it is:
 * - sign-safe: merged samples are distinct, none can cancel another in a
 *   later merge;
 * - in pprof's loaded shape when every input was (unless `sums`, a merge
 *   made for sums only): pprof fixes mappings up per profile as it parses,
 *   and its merge then gives the profile every report reads. Reports that
 *   print samples (traces, raw) then take the merge as it is, and later
 *   filters never merge its samples again (pprof filters after its merge);
 * - its functions show the names its inputs show: those are final already,
 *   so where every input shows the stored names (pprof -symbolize=none)
 *   they are kept, and shown names stay the same when shown again.
 */
function buildMerged(d: DecodedProfile, inputs: readonly Profile[], sums = false): Profile {
  const stored = inputs.length > 0 && inputs.every((p) => functionNamesOf(p) === 'stored');
  const out = markSignSafe(buildProfile(d, stored ? 'stored' : 'shown'));
  return !sums && inputs.length > 0 && inputs.every(isNormalized) ? markNormalized(out) : out;
}

/** Per-type sums of merged values (int64, as pprof adds them). */
function typeSums(sums: BigInt64Array, stride: number): bigint[] {
  const out = new Array<bigint>(stride).fill(0n);
  for (let j = 0; j < sums.length; j++) out[j % stride] = BigInt.asIntN(64, out[j % stride]! + sums[j]!);
  return out;
}

/** A one-profile merge's surviving samples as a source for another merge. */
function viewOf(m: Merged, profile: Profile): MergedView {
  const { t, stride } = m;
  const from = int64Halves(t.sums);
  let n = 0;
  for (let j = 0; j < t.count; j++) if (alive(from, stride, j)) n++;
  const reps = new Int32Array(n);
  const frames = new Int32Array(n);
  const sums = new BigInt64Array(n * stride);
  const to = int64Halves(sums);
  let q = 0;
  for (let j = 0; j < t.count; j++) {
    if (!alive(from, stride, j)) continue;
    reps[q] = t.repSample[j]!;
    frames[q] = t.frames[j]!;
    to.set(from.subarray(2 * j * stride, 2 * (j + 1) * stride), 2 * q * stride);
    q++;
  }
  return { profile, reps, frames, sums, locMap: m.frames[0]!.map, table: m.parts.table(), firstMapping: m.parts.firstMapping };
}

/** Whether merged sample j's values did not sum to zero (`h`: the sums' halves). */
function alive(h: Uint32Array, stride: number, j: number): boolean {
  return !isZeroRow(h, stride, j);
}

/**
 * Reads every source into one table of merged samples. `distinct` says that
 * no two samples can have the same identity (see mergeWithBase): each one
 * is then taken as it comes, and its frames are first read by output().
 */
function readAll(stride: number, sources: readonly ReaderInput[], ids: StringIds, hashMask: number, distinct = false): Merged {
  const parts = new MergedParts(hashMask);
  const readers: SourceReader[] = [];
  const frames: SourceParts[] = [];
  let capacity = 0;
  let depth = 0;
  for (const src of sources) {
    const r = new SourceReader(src, ids);
    readers.push(r);
    capacity += r.count;
    depth = Math.max(depth, r.maxDepth);
  }
  const t = newTable(capacity, stride);
  const stack = new Int32Array(depth);
  const other = new Int32Array(depth);
  const vals = new BigInt64Array(stride);
  const mine: number[] = [];
  const theirs: number[] = [];
  /** Per source read so far (hashed sources only), its stack keys' merged locations. */
  const mergedOfKey: Int32Array[] = new Array<Int32Array>(readers.length);

  for (let si = 0; si < readers.length; si++) {
    const r = readers[si]!;
    const sp = parts.addSource(r.locationTable(), r.firstMapping());
    frames.push(sp);
    if (distinct) {
      for (let i = 0; i < r.count; i++) {
        if (!r.values(i, vals)) continue;
        const j = t.count++;
        t.repSource[j] = si;
        t.repSample[j] = i;
        t.frames[j] = r.frameCount(i, stack);
        r.storedOrder(i, mine);
        t.labels[j] = mine.length;
        for (let v = 0; v < stride; v++) t.sums[j * stride + v] = vals[v]!;
      }
      continue;
    }
    const map = sp.map;
    // The merged location of each stack key (-1: not met yet), worked out at a key's first use.
    const mOfKey = new Int32Array(r.keyCount).fill(-1);
    mergedOfKey[si] = mOfKey;
    samples: for (let i = 0; i < r.count; i++) {
      if (!r.values(i, vals)) continue;
      const n = r.rawStack(i, stack);
      let h = n;
      for (let k = 0; k < n; k++) {
        const key = stack[k]!;
        let m = mOfKey[key]!;
        if (m < 0) {
          const li = r.indexOfKey(key);
          m = map[li]!;
          if (m < 0) m = sp.location(li);
          mOfKey[key] = m;
        }
        stack[k] = m;
        h = mix(h, m);
      }
      r.identityOrder(i, mine);
      h = r.hashLabels(h, mine) & hashMask;
      let slot = h & (t.slots.length - 1);
      for (let j = t.slots[slot]!; j >= 0; slot = (slot + 1) & (t.slots.length - 1), j = t.slots[slot]!) {
        if (t.hashes[j] !== h) continue;
        const rs = t.repSource[j]!;
        const ri = t.repSample[j]!;
        const rr = readers[rs]!;
        if (rr.rawStack(ri, other) !== n) continue;
        // Every key of a sample already in the table has its merged location.
        const theirMap = mergedOfKey[rs]!;
        let same = true;
        for (let k = 0; k < n && same; k++) same = theirMap[other[k]!] === stack[k];
        if (!same) continue;
        rr.identityOrder(ri, theirs);
        if (!sameLabels(r, mine, rr, theirs)) continue;
        for (let v = 0; v < stride; v++) t.sums[j * stride + v] = BigInt.asIntN(64, t.sums[j * stride + v]! + vals[v]!);
        continue samples;
      }
      const j = t.count++;
      t.slots[slot] = j;
      t.hashes[j] = h;
      t.repSource[j] = si;
      t.repSample[j] = i;
      t.frames[j] = n;
      t.labels[j] = mine.length;
      for (let v = 0; v < stride; v++) t.sums[j * stride + v] = vals[v]!;
    }
  }
  return { t, readers, frames, parts, depth, stride };
}

/** The surviving merged samples and their frames as the decoder's id-based columns. */
function output(header: BuilderHeader, m: Merged): DecodedProfile {
  const { t, readers, frames, parts, depth, stride } = m;
  const isAlive = new Uint8Array(t.count);
  let count = 0;
  let frameCount = 0;
  let labelCount = 0;
  const stack = new Int32Array(depth);
  const entries: number[] = [];
  const sumHalves = int64Halves(t.sums);
  for (let j = 0; j < t.count; j++) {
    if (!alive(sumHalves, stride, j)) continue;
    isAlive[j] = 1;
    count++;
    frameCount += t.frames[j]!;
    labelCount += t.labels[j]!;
  }
  // Locations are numbered by first use, so their ids fit 16 bits when there are few. (After a
  // distinct read they are interned here, as the walk first meets them: bound by the sources' tables.)
  const bound = Math.max(parts.locationCount, readers.reduce((n, r) => n + r.locationTable().count, 0));
  // The stacks are written packed, as the decoder leaves them (packed-writer.ts), when they fit.
  const packed = PackedStackWriter.fits(frameCount, bound) ? new PackedStackWriter(count, frameCount, bound) : null;
  const locIds = packed !== null ? new Uint16Array(0) : bound > 0xffff ? new Uint32Array(frameCount) : new Uint16Array(frameCount);
  const locOffsets = new Uint32Array(packed !== null ? 0 : count + 1);
  const values = new BigInt64Array(count * stride);
  const valueHalves = int64Halves(values);
  const valueOffsets = new Uint32Array(count + 1);
  const labelOffsets = new Uint32Array(count + 1);
  const labelNums = new BigInt64Array(labelCount);
  const labelSource = new Int32Array(labelCount);
  const labelEntry = new Int32Array(labelCount);
  const outId = new Int32Array(bound);
  // Each source's stack keys straight to output ids (0: not met yet), worked out at a key's first use.
  const outOfKey = readers.map((r) => new Int32Array(r.keyCount));
  const labelNumHalves = int64Halves(labelNums);
  const order: number[] = [];
  let f = 0;
  let l = 0;
  let o = 0;
  for (let j = 0; j < t.count; j++) {
    if (isAlive[j] === 0) continue;
    const rs = t.repSource[j]!;
    const ri = t.repSample[j]!;
    const r = readers[rs]!;
    const byKey = outOfKey[rs]!;
    const n = r.rawStack(ri, stack);
    for (let k = 0; k < n; k++) {
      let id = byKey[stack[k]!]!;
      if (id === 0) {
        const sp = frames[rs]!;
        const li = r.indexOfKey(stack[k]!);
        let m = sp.map[li]!;
        if (m < 0) m = sp.location(li);
        id = outId[m]!;
        if (id === 0) {
          order.push(m);
          outId[m] = id = order.length;
        }
        byKey[stack[k]!] = id;
      }
      if (packed !== null) packed.add(id);
      else locIds[f++] = id;
    }
    if (packed !== null) packed.next();
    else locOffsets[o + 1] = f;
    for (let q = 0; q < 2 * stride; q++) valueHalves[2 * o * stride + q] = sumHalves[2 * j * stride + q]!;
    valueOffsets[o + 1] = (o + 1) * stride;
    r.storedOrder(ri, entries);
    for (const k of entries) {
      labelSource[l] = rs;
      labelEntry[l] = k;
      r.numHalvesInto(k, labelNumHalves, 2 * l);
      l++;
    }
    labelOffsets[o + 1] = l;
    o++;
  }
  // Only the sources' label strings stay reachable from the result, not their samples.
  const strings = readers.map((r) => r.labels);
  let text: LabelText | null = null;
  const labelText = (): LabelText => {
    if (text !== null) return text;
    // One loop over millions of entries on a big merge, not three Array.from calls with a callback each.
    const n = labelEntry.length;
    const keys = new Array<string>(n);
    const strs = new Array<string>(n);
    const numUnits = new Array<string>(n);
    for (let q = 0; q < n; q++) {
      const from = strings[labelSource[q]!]!;
      const k = labelEntry[q]!;
      keys[q] = from.keyOf(k);
      strs[q] = from.strOf(k);
      numUnits[q] = from.unitOf(k);
    }
    return (text = { keys, strs, numUnits });
  };
  // Whether a key has numeric labels in two units, from the sources' label columns: building the
  // merged label strings for this (millions of entries on a big comparison) cost more than the report.
  const mayMixUnits = (): boolean => entriesMixUnits(labelEntry.length,
    (q) => strings[labelSource[q]!]!.keyOf(labelEntry[q]!), (q) => strings[labelSource[q]!]!.unitOf(labelEntry[q]!));
  const { mappings, functions, locations } = parts.output(order);
  return {
    sampleTypes: header.sampleTypes.map((x) => ({ type: x.type, unit: x.unit })),
    samples: {
      count, packed: packed?.finish(), locOffsets, locIds, bigLocIds: null, valueOffsets, values, labelOffsets, labelNums, labelText,
      mayMixUnits,
    },
    mappings, locations, functions,
    dropFrames: header.dropFrames ?? '',
    keepFrames: header.keepFrames ?? '',
    timeNanos: header.timeNanos ?? 0n,
    durationNanos: header.durationNanos ?? 0n,
    periodType: header.periodType ?? null,
    period: header.period ?? 0n,
    comments: [...(header.comments ?? [])],
    defaultSampleType: header.defaultSampleType ?? '',
    docUrl: header.docUrl ?? '',
  };
}
