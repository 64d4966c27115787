/**
 * The string table of a profile.proto being written: each distinct string
 * once, "" at index 0, indexes in first-use order (as Go's encoder builds it).
 * Shared by the encoder and the benchmark's protobufjs comparison.
 */

/** Interns strings into the table, "" first. */
export class StringTable {
  /** The strings by index, `table[0]` is "". */
  readonly table: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  /** The index of `s`, added at the end on first use. */
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.table.length;
      this.index.set(s, i);
      this.table.push(s);
    }
    return i;
  }
}
