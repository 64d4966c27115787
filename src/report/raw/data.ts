/**
 * The `raw` report as data: the profile itself after pprof's filters, as
 * `go tool pprof -raw` prints it (its Profile.String): header fields, sample
 * types, every sample (values, location ids, labels), every location with
 * its lines, every mapping. pprof forces address granularity with inlines for
 * raw, so -granularity and -noinlines change nothing here, as there.
 */

import type { Profile } from '../../model/profile.js';
import type { Location, Mapping } from '../../model/types.js';
import { sampleLabels } from '../../query/labels.js';
import type { QueryOptions } from '../../query/options.js';
import { resolveSampleIndex } from '../../query/sample-index.js';
import { applyProfileFilters } from '../../transform/apply.js';
import { canonicalProfile } from '../../transform/canonical.js';
import { WARNING_PREFIX } from '../../decode/legacy/warnings.js';

/** One sample of the raw report. */
export interface RawSample {
  readonly values: readonly bigint[];
  /** Location ids, leaf first. */
  readonly locationIds: readonly bigint[];
  /** String labels by key, values in file order. */
  readonly labels: ReadonlyMap<string, readonly string[]>;
  /** Numeric labels by key, values in file order. */
  readonly numLabels: ReadonlyMap<string, readonly bigint[]>;
  /** Units of numeric labels by key, as Go's decoder pads them ('' = none). */
  readonly numUnits: ReadonlyMap<string, readonly string[]>;
}

/** The raw report: the filtered profile's contents. */
export interface RawReport {
  readonly profile: Profile;
  /**
   * The profile's comments, less the reading warnings pprof-ts carries in
   * them (decode/legacy/warnings.ts): the CLI prints those on stderr, and
   * pprof, which has none, prints the comments alone.
   */
  readonly comments: readonly string[];
  readonly samples: readonly RawSample[];
  readonly locations: readonly Location[];
  readonly mappings: readonly Mapping[];
}

/**
 * The raw report with its samples made one at a time as they are read (each
 * iteration makes them again): what a big profile's output is written from.
 * The renderers take either form.
 */
export interface RawStream extends Omit<RawReport, 'samples'> {
  readonly samples: Iterable<RawSample>;
}

/** Builds the raw report, every sample in memory (see {@link rawStream} for big profiles). Throws PprofError for bad options. */
export function rawReport(profile: Profile, options: QueryOptions = {}): RawReport {
  const r = rawStream(profile, options);
  return { ...r, samples: [...r.samples] };
}

/** Builds the raw report with its samples made as they are read. Throws PprofError for bad options (at once, not when read). */
export function rawStream(profile: Profile, options: QueryOptions = {}): RawStream {
  resolveSampleIndex(profile, options.sampleIndex); // pprof rejects a bad -sample_index here too
  profile = canonicalProfile(profile); // a no-op when the CLI already did it
  ({ profile } = applyProfileFilters(profile, options, { materialize: true }));
  const p = profile;
  const s = p.samples;
  function* samples(): Generator<RawSample> {
    for (let i = 0; i < s.count; i++) {
      const values: bigint[] = [];
      for (let t = 0; t < s.stride; t++) values.push(s.values[i * s.stride + t]!);
      const locationIds: bigint[] = [];
      for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) {
        locationIds.push(p.locations[s.locationIndices[k]!]!.id);
      }
      const g = sampleLabels(s, i);
      yield { values, locationIds, labels: g.str, numLabels: g.num, numUnits: g.numUnits };
    }
  }
  return {
    profile: p, comments: p.comments.filter((c) => !c.startsWith(WARNING_PREFIX)),
    samples: { [Symbol.iterator]: samples }, locations: p.locations, mappings: p.mappings,
  };
}
