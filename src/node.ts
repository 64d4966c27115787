/**
 * pprof-ts public API for Node: everything of the portable entry (`pprof-ts`)
 * plus what needs the file system or the network: reading profile files,
 * fetching from a live debug port (`net/http/pprof`), capture bundles.
 * Imported as `pprof-ts/node`.
 *
 * @example
 * ```ts
 * import { loadProfile, fetchProfile, topTable } from 'pprof-ts/node';
 * const profile = await loadProfile('cpu.pb.gz');
 * const live = await fetchProfile('http://127.0.0.1:6060/debug/pprof/heap');
 * console.log(topTable(profile, { nodeCount: 10 }).rows[0]?.name, live.profile.sampleTypes);
 * ```
 */

export * from './index.js';
export { loadProfile } from './parse.js';
export { loadGoroutineDump } from './decode/text/dump-input.js';
export { fetchProfile, fetchBytes } from './fetch/fetch.js';
export type { FetchOptions, FetchedProfile, FetchedBytes } from './fetch/fetch.js';
export type { HeaderPair, RequestProgress, RequestPhase } from './fetch/request.js';
export { captureProfiles, CAPTURE_KINDS } from './fetch/capture.js';
export type { CaptureKind, CaptureOptions, CaptureEvent, CaptureEntry, CaptureManifest } from './fetch/capture.js';
