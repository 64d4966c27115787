/**
 * A hostile profile for the flame graph's escaping tests: function names,
 * file names, a comment and labels carrying markup, script end tags, quotes,
 * template placeholders and JavaScript line terminators. Rendered correctly,
 * every one of them shows up as plain text and no script runs.
 */

import { gzipSync } from 'node:zlib';
import { encodeProfile, Strings } from './proto.js';

/** The names the profile's functions carry, leaf first along the single stack. */
export const HOSTILE_NAMES = [
  '</script><script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss=\'img\'">',
  'q"uo\'te`s & <b>bold</b> {{script}} $& $1',
  'line\u2028sep\u2029para </style><svg onload=alert(1)>',
  'main.<!--comment-->(*T).Method',
] as const;

/** gzip-compressed profile.proto: two sample types, one stack through every hostile name. */
export function hostileProfile(): Uint8Array {
  const st = new Strings();
  // A system name of its own keeps each name as written: pprof (and the model) would otherwise read the
  // `<...>` in a name equal to its system name as C++ template arguments and take them out.
  const functions = HOSTILE_NAMES.map((name, i) => ({
    id: i + 1, name: st.x(name), systemName: st.x(`<script>sys${i}</script>`), filename: st.x(`/src/<script>${i}.go`), startLine: 1,
  }));
  const location = HOSTILE_NAMES.map((_, i) => ({ id: i + 1, address: 0x1000 + i, line: [{ functionId: i + 1, line: 10 + i }] }));
  const sampleType = [
    { type: st.x('samples'), unit: st.x('count') },
    { type: st.x('cpu</script>'), unit: st.x('nanoseconds') },
  ];
  const bytes = encodeProfile({
    sampleType,
    sample: [
      { locationId: [1, 2, 3, 4, 5], value: [3, 30_000_000], label: [{ key: st.x('<k>'), str: st.x('</script>') }] },
      { locationId: [2, 3, 4, 5], value: [1, 10_000_000] },
    ],
    location,
    function: functions,
    comment: [st.x('comment </script><script>window.__xss="comment"</script>')],
    periodType: { type: st.x('cpu'), unit: st.x('nanoseconds') },
    period: 10_000_000,
    durationNanos: 1_000_000_000,
    stringTable: st.table,
  });
  return gzipSync(bytes);
}
