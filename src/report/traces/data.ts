/**
 * The `traces` report as data: every sample's stack as pprof's -traces prints
 * it (frames at the chosen granularity, leaf first, inlined frames marked),
 * with the sample's labels and value. Runs on the profile after pprof's
 * filters (focus/ignore/hide/show materialised, label filters, show_from,
 * prune_from), in file order, skipping samples left without frames.
 * With --mean each trace's value is divided by its own sample count (the
 * first value column), as pprof -traces -mean.
 */

import type { Profile } from '../../model/profile.js';
import { DEFAULT_GRANULARITY } from '../../defaults.js';
import { applyFilters } from '../../query/filter.js';
import { numLabelUnits, sampleLabels } from '../../query/labels.js';
import { buildNodes, printableName } from '../../query/nodes.js';
import type { QueryOptions } from '../../query/options.js';
import { compareGoStrings } from '../../query/strings.js';
import { applyProfileFilters } from '../../transform/apply.js';
import { canonicalProfile } from '../../transform/canonical.js';
import { divideByRatio, formatLabel } from '../units.js';
import { valueContext } from '../common-labels.js';

/** Options of the traces report. */
export interface TracesOptions extends QueryOptions {
  /** Output unit: a unit name, 'auto' or 'minimum' (default). */
  unit?: string;
  /** Show sample values and the header's total divided by this (pprof -divide_by). 0 is refused. */
  divideBy?: number;
}

/** One frame of a trace. */
export interface TraceFrame {
  /** Frame name at the report's granularity, as pprof prints it. */
  readonly name: string;
  /** True when the frame is inlined into the next one (pprof's ` (inline)`). */
  readonly inline: boolean;
}

/** One label key of a trace with its values, as data and as printed. */
export interface TraceLabel {
  readonly key: string;
  /** String values, or numeric values as decimal strings. */
  readonly values: readonly string[];
  /** 'string' or 'number'. */
  readonly kind: 'string' | 'number';
  /** Unit of numeric values ('' for strings). */
  readonly unit: string;
  /** The values as pprof prints them (numbers scaled: `4kB`, `10ms`). */
  readonly texts: readonly string[];
}

/** One sample's trace. */
export interface Trace {
  /** Position of the sample in the filtered profile. */
  readonly sample: number;
  /** The sample's value (with --mean divided by its sample count, truncating). */
  readonly value: bigint;
  readonly valueText: string;
  /** String labels first, then numeric ones, each group in pprof's order. */
  readonly labels: readonly TraceLabel[];
  /** Leaf first. */
  readonly frames: readonly TraceFrame[];
}

/** What the traces report says besides its traces. */
export interface TracesSummary {
  /** pprof's profile labels (File, Type, Time, Duration). */
  readonly header: readonly string[];
  readonly sampleType: string;
  readonly sampleUnit: string;
  readonly outputUnit: string;
  readonly total: bigint;
}

/** The whole traces report. */
export interface TracesReport extends TracesSummary {
  readonly traces: readonly Trace[];
}

/**
 * The traces report with its traces made one at a time as they are read
 * (each iteration makes them again): what a big profile's output is written
 * from, since its traces do not fit in memory as objects. The renderers take
 * either form.
 */
export interface TracesStream extends TracesSummary {
  readonly traces: Iterable<Trace>;
}

/** pprof prints label lines as `%10s:  values` and sorts those lines as strings. */
function labelLine(key: string, texts: readonly string[]): string {
  return `${key.padStart(10)}:  ${texts.join(' ')}`;
}

/** Builds the traces report, every trace in memory (see {@link tracesStream} for big profiles). Throws PprofError for bad options. */
export function tracesReport(profile: Profile, options: TracesOptions = {}): TracesReport {
  const r = tracesStream(profile, options);
  return { ...r, traces: [...r.traces] };
}

/** Builds the traces report with its traces made as they are read. Throws PprofError for bad options (at once, not when read). */
export function tracesStream(profile: Profile, options: TracesOptions = {}): TracesStream {
  const ratio = divideByRatio(options.divideBy);
  profile = canonicalProfile(profile); // a no-op when the CLI already did it
  const units = numLabelUnits(profile.filteredFrom ?? profile).units;
  ({ profile, options } = applyProfileFilters(profile, options, { materialize: true }));
  const mean = options.mean === true;
  const ctx = valueContext(profile, options.sampleIndex, options.unit, mean, ratio, options.relativePercentages === true);
  const granularity = options.granularity ?? DEFAULT_GRANULARITY;
  const nodes = buildNodes(applyFilters(profile, {}), granularity, options.noInlines === true);
  const names = nodes.infos.map(printableName);
  const s = profile.samples;

  function* traces(): Generator<Trace> {
    for (let i = 0; i < s.count; i++) {
      const frames: TraceFrame[] = [];
      for (let k = s.locationOffsets[i]!; k < s.locationOffsets[i + 1]!; k++) {
        const li = s.locationIndices[k]!;
        const from = nodes.locOffsets[li]!;
        const to = nodes.locOffsets[li + 1]!;
        for (let n = from; n < to; n++) frames.push({ name: names[nodes.locNodes[n]!]!, inline: n !== to - 1 });
      }
      if (frames.length === 0) continue;
      const grouped = sampleLabels(s, i);
      const str: TraceLabel[] = [...grouped.str].map(([key, values]) =>
        ({ key, values, kind: 'string' as const, unit: '', texts: values }));
      const num: TraceLabel[] = [...grouped.num].map(([key, values]) => {
        const unit = units.get(key) ?? key;
        return { key, values: values.map(String), kind: 'number' as const, unit, texts: values.map((v) => formatLabel(Number(v), unit)) };
      });
      const byLine = (a: TraceLabel, b: TraceLabel): number => compareGoStrings(labelLine(a.key, a.texts), labelLine(b.key, b.texts));
      const raw = s.values[i * s.stride + ctx.sampleIndex]!;
      const count = mean ? s.values[i * s.stride]! : 0n;
      const value = count !== 0n ? raw / count : raw;
      yield {
        sample: i,
        value,
        valueText: ctx.formatValue(Number(value)),
        labels: [...str.sort(byLine), ...num.sort(byLine)],
        frames,
      };
    }
  }
  return {
    header: ctx.header,
    sampleType: ctx.sampleType.type,
    sampleUnit: ctx.sampleType.unit,
    outputUnit: ctx.outputUnit,
    total: ctx.total,
    traces: { [Symbol.iterator]: traces },
  };
}
