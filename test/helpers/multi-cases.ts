/**
 * The conformance matrix of two-profile `top`: fixture pairs (a profile and a
 * later capture of the same kind) crossed with pprof's ways of combining
 * them: merging both, `-base`, `-diff_base`, each with `-normalize`, plus a
 * few report flags. Goldens live under test/golden/top-multi/<pair>/<slug>.txt,
 * made by `go tool pprof -top` with the command recorded in MANIFEST.json.
 */

/** One two-profile golden case. */
export interface MultiCase {
  /** Pair name, e.g. `cpu`. */
  pair: string;
  /** Golden name from the flags, e.g. `diff_base,normalize,cum`. */
  slug: string;
  /** The newer profile and the base (fixture paths relative to fixtures/profiles). */
  profile: string;
  base: string;
  /** Arguments for `go tool pprof -top` (the files included). */
  goArgs: string[];
  /** Arguments for `pprof-ts top` (the files included). */
  ourArgs: string[];
}

/** Fixture pairs: [name, newer profile, base]. */
export const PAIRS: readonly (readonly [string, string, string])[] = [
  ['cpu', 'second/cpu-2.pb.gz', 'cpu.pb.gz'],
  ['heap', 'pairs/heap-pair.pb.gz', 'heap.pb.gz'],
  ['allocs', 'allocs.pb.gz', 'allocs-delta.pb.gz'],
  ['block', 'pairs/block-pair.pb.gz', 'block.pb.gz'],
  ['mutex', 'pairs/mutex-pair.pb.gz', 'mutex.pb.gz'],
  ['goroutine', 'goroutine-pair.pb.gz', 'goroutine.pb.gz'],
];

const MODES: readonly { slug: string; go: (base: string) => string[]; ours: (base: string) => string[]; merge?: true }[] = [
  { slug: 'merge', go: () => [], ours: () => [], merge: true },
  { slug: 'base', go: (b) => [`-base=${b}`], ours: (b) => ['--base', b] },
  { slug: 'base,normalize', go: (b) => ['-normalize', `-base=${b}`], ours: (b) => ['--base', b, '--normalize'] },
  { slug: 'diff_base', go: (b) => [`-diff_base=${b}`], ours: (b) => ['--diff-base', b] },
  { slug: 'diff_base,normalize', go: (b) => ['-normalize', `-diff_base=${b}`], ours: (b) => ['--diff-base', b, '--normalize'] },
];

const VARIANTS: readonly { slug: string; go: string[]; ours: string[] }[] = [
  { slug: '', go: [], ours: [] },
  { slug: 'cum,nodecount=10', go: ['-cum', '-nodecount=10'], ours: ['--cum', '--nodecount', '10'] },
  { slug: 'lines', go: ['-lines'], ours: ['--granularity', 'lines'] },
  { slug: 'sample_index=0', go: ['-sample_index=0'], ours: ['--sample-index', '0'] },
  // pprof drops a node whose flat is negative, or whose flat is zero and cum negative.
  { slug: 'drop_negative', go: ['-drop_negative'], ours: ['--drop-negative'] },
  { slug: 'cum,drop_negative', go: ['-cum', '-drop_negative'], ours: ['--cum', '--drop-negative'] },
];

/**
 * The other capture of a fixture's pair, if it is in one: its path from the
 * repository root and its name (for slugs).
 */
export function partnerOf(fixture: string): { rel: string; name: string } | undefined {
  for (const [, profile, base] of PAIRS) {
    const other = profile === fixture ? base : base === fixture ? profile : undefined;
    if (other !== undefined) return { rel: `fixtures/profiles/${other}`, name: other.replace(/^.*\//, '').replace(/\.pb\.gz$/, '') };
  }
  return undefined;
}

/** Every case, with paths under `root` (fixtures/profiles). */
export function multiCases(root: string): MultiCase[] {
  const out: MultiCase[] = [];
  for (const [pair, profile, base] of PAIRS) {
    const p = `${root}/${profile}`;
    const b = `${root}/${base}`;
    for (const m of MODES) {
      for (const v of VARIANTS) {
        const slug = [m.slug, v.slug].filter((s) => s !== '').join(',');
        const files = m.merge ? [p, b] : [p];
        out.push({
          pair, slug, profile, base,
          goArgs: [...v.go, ...m.go(b), ...files],
          ourArgs: [...files, ...v.ours, ...m.ours(b)],
        });
      }
    }
  }
  return out;
}
