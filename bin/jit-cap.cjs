// Short runs: V8's optimizing compiler held back by the size of the input.
//
// A report on a small or mid-sized profile ends within a fraction of a second, and V8 starts
// optimizing its hot functions (decoding, the node passes) with TurboFan before it ends. Measured
// on the bench machine (2 cores, Node 20, V8 11.3), with each flag set after the bundle is compiled:
// - Up to MAX_BASELINE_BYTES of file input, the optimized code arrives about when the run ends:
//   TurboFan spent about 60 ms of CPU on `top` over a 34 KB profile and the command took 15 ms
//   longer than with the baseline compiler only (Sparkplug). So V8 stops there (--max-opt=1).
//   From a few hundred kilobytes on, optimized code pays: with a 450 KB profile the baseline-only
//   run was 16 ms slower, with 930 KB 126 ms slower.
// - Up to MAX_NO_INLINING_BYTES, optimized code pays, but sooner when TurboFan inlines nothing
//   (smaller, quicker compiles): `top` 20-35 ms faster on the bench's 2.6 MB and 3.5 MB profiles
//   (--no-turbo-inlining). From about 5 MB the inlined code pays for itself (no difference at
//   5.3 MB; without inlining 10-20 ms slower at 7-15 MB, 60-110 ms at 37-59 MB), so bigger inputs
//   keep V8's defaults.
// The flag is set once the bundle is compiled: V8 checks its code cache against its flags, and
// the bundle's cache was made with the defaults. Commands that read a URL or stdin (size unknown)
// and V8 versions other than the one measured keep the defaults.
//
// Only speed changes, never output. PPROF_TS_JIT_CAP=0 turns it off; node flags that choose the
// tiers or inlining themselves (in the command line or NODE_OPTIONS) leave V8 as they set it.
'use strict';
/** File inputs up to this many bytes (in all) run at the baseline tier. */
const MAX_BASELINE_BYTES = 256 * 1024;
/** File inputs up to this many bytes (in all) run without TurboFan's inlining. */
const MAX_NO_INLINING_BYTES = 4 * 1024 * 1024;
/** The V8 flags: no tier above Sparkplug; no inlining in TurboFan. */
const BASELINE = '--max-opt=1';
const NO_INLINING = '--no-turbo-inlining';
/** The V8 whose compilers the thresholds were measured on (Node 20). */
const MEASURED_V8 = /^11\./;
/** Node or V8 flags that choose the compiler tiers or inlining; with one of them, V8 is left as it is. */
const TIER_FLAGS = /--(no-)?(opt|turbofan|maglev|sparkplug|turbo-inlining)\b|--max-opt|--max-inlined|--jitless|--always-/;

/**
 * The V8 flag a command whose inputs measure `inputs` (input-bytes.cjs `measureInputs`) should run
 * with, or null for V8's defaults. `probe` gives the facts (the defaults read this process; tests
 * pass their own).
 */
function optimizerCap(inputs, probe = systemProbe()) {
  if (probe.env.PPROF_TS_JIT_CAP === '0' || !MEASURED_V8.test(probe.v8Version)) return null;
  if (probe.execArgv.some((a) => TIER_FLAGS.test(a)) || TIER_FLAGS.test(probe.env.NODE_OPTIONS ?? '')) return null;
  const { bytes, remote } = inputs;
  if (remote || bytes === 0) return null;
  if (bytes <= MAX_BASELINE_BYTES) return BASELINE;
  if (bytes <= MAX_NO_INLINING_BYTES) return NO_INLINING;
  return null;
}

/** The facts optimizerCap reads, from this process. */
function systemProbe() {
  return { env: process.env, execArgv: process.execArgv, v8Version: process.versions.v8 };
}

/** Sets `flag` in V8 from now on (functions already optimized stay so; none are yet). */
function capOptimizer(flag) {
  require('node:v8').setFlagsFromString(flag);
}

module.exports = { optimizerCap, capOptimizer, MAX_BASELINE_BYTES, MAX_NO_INLINING_BYTES, BASELINE, NO_INLINING, MEASURED_V8 };
