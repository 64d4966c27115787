/**
 * Plants a race between two threads' shared-memory loads: the first time
 * this thread loads one slot of one Int32Array, `hook` runs right after the
 * load and before the caller sees its (now old) value, as if the other
 * thread acted between that load and the next.
 */

/**
 * Runs `body` with `hook` planted on the first load of `ctrl[slot]`
 * (Atomics.load is restored afterwards); returns whether the hook ran, and
 * what `body` returned.
 */
export function onFirstLoad<T>(ctrl: Int32Array, slot: number, hook: (loaded: number) => void, body: () => T): { ran: boolean; value: T } {
  const load = Atomics.load;
  let ran = false;
  Atomics.load = ((a: Int32Array, i: number) => {
    const v = load(a, i);
    if (a === ctrl && i === slot && !ran) {
      ran = true;
      Atomics.load = load;
      hook(v);
    }
    return v;
  }) as typeof Atomics.load;
  try {
    const value = body();
    return { ran, value };
  } finally {
    Atomics.load = load;
  }
}
