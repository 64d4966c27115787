/**
 * `pprof-ts/testing`: profiles in tests. Exact flat/cum of any function,
 * package, file or label over the whole profile, and assertion helpers that
 * throw node's AssertionError (node:test, Jest, Vitest, Mocha alike).
 *
 * @example
 * ```ts
 * import { loadProfile } from 'pprof-ts/node';
 * import { inspect, assertShareAtMost } from 'pprof-ts/testing';
 * const cpu = inspect(await loadProfile('cpu.pb.gz'));
 * cpu.fn('runtime.mallocgc').flatShare;             // 0.0123
 * cpu.select({ package: 'encoding/json' }).in('ms', 'cum');
 * assertShareAtMost(cpu, { function: 'runtime.mallocgc' }, 0.05);
 * ```
 */

export { inspect, ProfileInspector, Selection, shareOf } from './inspect.js';
export type { EdgeStat, FunctionStat, InspectOptions, Metric, PackageStat, SelectOptions, StackStat } from './inspect.js';
export type { LabelMatcher, Selector, SelectorInput } from './select.js';
export { packageOf, closestNames } from './names.js';
export { parseAmount, convertValue, limitInUnit } from './amount.js';
export type { ParsedAmount } from './amount.js';
export { inspectGoroutines } from './goroutines.js';
export type { GoroutineInspector } from './goroutines.js';
export {
  assertShareAtMost, assertShareAtLeast, assertValueAtMost, assertTotalAtMost, assertAbsent,
  assertGoroutinesAtMost, assertNoGoroutinesWaiting,
} from './assert.js';
export type { AssertOptions, Inspectable } from './assert.js';
export { PprofError, isPprofError } from '../errors.js';
export { loadProfile, parseProfile } from '../parse.js';
export { loadGoroutineDump, parseGoroutineDump } from '../decode/text/dump-input.js';
