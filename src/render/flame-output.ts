/**
 * The default file name of a flame-graph page, when `flamegraph` is given no
 * `-o`: derived from the profile's name, so `cpu.pb.gz` becomes
 * `cpu.flame.html` in the current folder.
 */

import { isProfileUrl, buildProfileRequest } from '../fetch/url.js';

/** Suffixes dropped from a profile file's name to name its page. */
const PROFILE_SUFFIXES = /(\.pb\.gz|\.pprof\.gz|\.prof\.gz|\.gz|\.pb|\.pprof|\.prof|\.proto|\.txt|\.out)$/i;

/**
 * The default page name for a profile argument: the file's name without
 * profile suffixes, or `<kind>-<host>-<port>` for a URL, plus `.flame.html`
 * (`profile.flame.html` for standard input).
 */
export function defaultFlameOutput(arg: string): string {
  if (isProfileUrl(arg)) {
    const { url, kind } = buildProfileRequest(arg);
    const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
    return `${kind}-${url.hostname}-${port}`.replace(/[^A-Za-z0-9._-]+/g, '_') + '.flame.html';
  }
  const parts = arg.split(/[\\/]/).filter((p) => p !== '');
  const stem = (parts[parts.length - 1] ?? '').replace(PROFILE_SUFFIXES, '');
  return `${stem === '' || stem === '-' || stem.startsWith('.') ? 'profile' : stem}.flame.html`;
}
