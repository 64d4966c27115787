/**
 * The name pprof's driver shows for a function. Before any report, pprof
 * runs its demangler over every function whose name is empty or equal to its
 * system name: mangled C++ and Rust names (`_Z...`, `_R...`) are demangled,
 * and a name that already reads as demangled C++ (it has `::`, `<`, `>`, `[`
 * or `]`, and is neither a Java `class.<init>` nor a Go method of a generic
 * type, `pkg.(*T[...]).M`) loses its parameter list and template arguments:
 * `ns::Klass<int>::method(int)` shows as `ns::Klass::method`. An empty name
 * shows the system name.
 *
 * Not done here: demangling itself. A mangled name shows as it is written,
 * where pprof would show `foo::bar` for `_ZN3foo3barEv`.
 */

/** The name pprof shows for a function of this name and system name. */
export function shownFunctionName(name: string, systemName: string): string {
  if (name !== '' && name !== systemName) return name; // named by the producer: pprof leaves it
  return looksLikeDemangledCpp(systemName) ? removeNested(removeNested(systemName, '(', ')'), '<', '>') : systemName;
}

/** pprof's test for a name that reads as demangled C++. */
function looksLikeDemangledCpp(name: string): boolean {
  if (name.includes('.<') || name.includes(']).')) return false;
  return /[<>[\]]/.test(name) || name.includes('::');
}

/**
 * `name` without its outermost `open`...`close` groups (nested ones go with
 * them). A `close` with no `open` before it stops the removal there, keeping
 * the rest as it is, as pprof does.
 */
function removeNested(name: string, open: string, close: string): string {
  let out = name;
  let depth = 0;
  let first = 0;
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (c === open) {
      if (depth++ === 0) first = i;
    } else if (c === close) {
      if (--depth < 0) return out;
      if (depth === 0) {
        out = out.slice(0, first) + out.slice(i + 1);
        i = first - 1;
      }
    }
  }
  return out;
}
