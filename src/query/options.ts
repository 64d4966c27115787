/**
 * Options shared by every query (top, folded stacks, flame graphs): which
 * sample value, at what granularity, through which filters. Names and
 * meanings follow `go tool pprof`'s flags.
 */

/** Row granularity, as pprof's -granularity. */
export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';

/** All granularities, for validation and help text. */
export const GRANULARITIES: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

/** Options that select and shape the samples a report sees. */
export interface QueryOptions {
  /** Sample type name or index; default: the profile's default sample type, else the last. */
  sampleIndex?: string | number;
  /** Row granularity (default 'functions'). */
  granularity?: Granularity;
  /** Attribute inlined frames to their physical caller (pprof -noinlines). */
  noInlines?: boolean;
  /** Keep only samples with a frame matching this regex (pprof -focus). */
  focus?: string;
  /** Drop samples with a frame matching this regex (pprof -ignore). */
  ignore?: string;
  /** Remove matching frames from stacks (pprof -hide). */
  hide?: string;
  /** Keep only matching frames in stacks (pprof -show). */
  show?: string;
  /**
   * Keep only samples whose labels match (pprof -tagfocus): `key=regex[,regex]`,
   * a bare regex matched against every `key:value`, or a numeric range with
   * units such as `bytes=4kB:`, `:512`, `1ms:10ms` (see transform/tag-filter.ts).
   */
  tagFocus?: string;
  /** Drop samples whose labels match, same syntax as tagFocus (pprof -tagignore). */
  tagIgnore?: string;
  /** Keep only label keys matching this regex on every sample (pprof -tagshow). */
  tagShow?: string;
  /** Remove label keys matching this regex from every sample (pprof -taghide). */
  tagHide?: string;
  /** Cut each stack above its rootmost frame matching this regex; drop samples without one (pprof -show_from). */
  showFrom?: string;
  /** Cut the frames below the first frame (from the leaf) matching this regex (pprof -prune_from). */
  pruneFrom?: string;
  /**
   * Set by transform/applyProfileFilters on the options it returns: the
   * `name=value` lines of filters already applied to the profile, in pprof's
   * order, for the `Active filters:` header. Not meant to be set by hand.
   */
  appliedFilters?: readonly string[];
  /** Percentages of the samples the filters keep instead of all samples (pprof -relative_percentages). */
  relativePercentages?: boolean;
  /** Report values divided by the sample count (the first value column), as pprof -mean / -mean_delay. */
  mean?: boolean;
}

/** True when `s` names a granularity. */
export function isGranularity(s: string): s is Granularity {
  return (GRANULARITIES as readonly string[]).includes(s);
}

/** Whether the options filter by frame name (focus, ignore, hide, show). */
export function hasNameFilter(o: Pick<QueryOptions, 'focus' | 'ignore' | 'hide' | 'show'>): boolean {
  return [o.focus, o.ignore, o.hide, o.show].some((v) => v !== undefined && v !== '');
}
