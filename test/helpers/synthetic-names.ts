/**
 * A synthetic profile of function names pprof's driver rewrites before any
 * report (src/model/function-name.ts), which Go's runtime never writes but
 * C++ producers do: demangled C++ with parameter lists and template
 * arguments (nested, unbalanced), a name left empty beside its system name,
 * a name that differs from its system name (left alone), and the Java and Go
 * shapes pprof's test excludes. Mangled names are left out: they are not
 * demangled here (see function-name.ts). UPDATE_GOLDEN=1 writes
 * fixtures/synthetic/cpp-names.pb.gz (synthetic-write.ts); a unit test checks
 * the committed file still decodes to these bytes.
 */

import { gzipSync } from 'node:zlib';
import { encodeProfile, Strings, type ProfileObj, type SampleObj } from './proto.js';

/** [name, system name] of each function; function i + 1 is at location i + 1. */
const FUNCTIONS: readonly (readonly [string, string])[] = [
  ['main', 'main'],
  ['ns::Klass<int>::method(int)', 'ns::Klass<int>::method(int)'],
  ['ns::Klass<long>::method(long) const', 'ns::Klass<long>::method(long) const'],
  ['std::map<int, std::vector<int> >::find(int const&)', 'std::map<int, std::vector<int> >::find(int const&)'],
  ['', 'Outer::inner(std::function<void (int)>)'],
  ['pretty::name(int)', 'sys::name(int)'],
  ['odd::close)first(int)', 'odd::close)first(int)'],
  ['odd::open(int', 'odd::open(int'],
  ['com.example.Foo.<init>(int)', 'com.example.Foo.<init>(int)'],
  ['main.(*List[...]).Push', 'main.(*List[...]).Push'],
  ['main.Map[...].func1(x)', 'main.Map[...].func1(x)'],
  ['plain(int)', 'plain(int)'],
];

/** The uncompressed profile.proto bytes. */
export function namesProfileProto(): Uint8Array {
  const st = new Strings();
  const s = (v: string): number => st.x(v);
  // Each function under main, with its own weight, so every name is a row.
  const samples: SampleObj[] = FUNCTIONS.slice(1).map((_, i) => ({ locationId: [i + 2, 1], value: [i + 1, (i + 1) * 10_000_000] }));
  const profile: ProfileObj = {
    sampleType: [{ type: s('samples'), unit: s('count') }, { type: s('cpu'), unit: s('nanoseconds') }],
    sample: samples,
    mapping: [{ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s('/usr/bin/server'), hasFunctions: true }],
    location: FUNCTIONS.map((_, i) => ({ id: i + 1, mappingId: 1, address: 0x401000 + 0x10 * i, line: [{ functionId: i + 1, line: 10 + i }] })),
    function: FUNCTIONS.map(([name, sys], i) => ({ id: i + 1, name: s(name), systemName: s(sys), filename: s('server.cc'), startLine: 0 })),
    stringTable: st.table,
    timeNanos: '1700000000000000000',
    durationNanos: 1_000_000_000,
    periodType: { type: s('cpu'), unit: s('nanoseconds') },
    period: 10_000_000,
  };
  return encodeProfile(profile);
}

/** The gzip bytes as committed. */
export function namesProfileGz(): Uint8Array {
  return new Uint8Array(gzipSync(namesProfileProto()));
}
