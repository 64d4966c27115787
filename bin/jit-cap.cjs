// Small inputs: the command runs without V8's optimizing compiler.
//
// On a small profile the whole report takes a few tens of milliseconds, and V8 starts optimizing
// its hot functions (decoding, the node passes) before it ends: on the bench machine TurboFan spent
// about 60 ms of CPU compiling code for `top` on a 34 KB profile and the command took 15 ms longer
// than with the baseline compiler only (Sparkplug), the optimized code arriving about when the run
// ends. From a few hundred kilobytes of input on, optimized code pays back its compiling: with a
// 450 KB profile the capped run was already slower, with 1 MB 120 ms slower. So a command whose
// file inputs add up to at most MAX_BYTES (and that reads no URL or stdin, whose size is unknown)
// caps V8 at its baseline tier (--max-opt=1), set after the bundle is compiled: V8 checks its code
// cache against its flags, and the bundle's cache was made with the defaults.
//
// Only speed changes, never output. PPROF_TS_JIT_CAP=0 turns it off; node flags that choose the
// tiers themselves (in the command line or NODE_OPTIONS) leave V8 as they set it.
'use strict';
const { fileSize, inputBytes, isRemoteOrStdin } = require('./input-bytes.cjs');

/** File inputs up to this many bytes (in all) run at the baseline tier. */
const MAX_BYTES = 256 * 1024;
/** The V8 flag: no tier above Sparkplug (V8 11.3, Node 20, and later). */
const FLAG = '--max-opt=1';
/** Node or V8 flags that choose the compiler tiers; with one of them, V8 is left as it is. */
const TIER_FLAGS = /--(no-)?(opt|turbofan|maglev|sparkplug)\b|--max-opt|--jitless|--always-/;

/**
 * Whether the command line `args` should run at the baseline tier. `probe` gives the facts (the
 * defaults read this process; tests pass their own).
 */
function capsOptimizer(args, probe = systemProbe()) {
  if (probe.env.PPROF_TS_JIT_CAP === '0') return false;
  if (probe.execArgv.some((a) => TIER_FLAGS.test(a)) || TIER_FLAGS.test(probe.env.NODE_OPTIONS ?? '')) return false;
  if (args.some(isRemoteOrStdin)) return false;
  const bytes = inputBytes(args, probe.fileSize);
  return bytes > 0 && bytes <= MAX_BYTES;
}

/** The facts capsOptimizer reads, from this process. */
function systemProbe() {
  return { env: process.env, execArgv: process.execArgv, fileSize };
}

/** Caps V8 at its baseline tier from now on (functions already optimized stay so; none are yet). */
function capOptimizer() {
  require('node:v8').setFlagsFromString(FLAG);
}

module.exports = { capsOptimizer, capOptimizer, MAX_BYTES, FLAG };
