/**
 * The traces report as the text `go tool pprof -traces` prints, one line at
 * a time so the CLI can stream a big profile's output.
 */

import type { TracesStream } from './data.js';

/** pprof's separator between traces. */
export const TRACE_SEPARATOR = '-----------+-------------------------------------------------------';

/** The report's lines, each without its newline. */
export function* tracesTextLines(r: TracesStream): Generator<string> {
  yield* r.header;
  for (const t of r.traces) {
    yield TRACE_SEPARATOR;
    for (const l of t.labels) yield `${l.key.padStart(10)}:  ${l.texts.join(' ')}`;
    let first = true;
    for (const f of t.frames) {
      yield `${(first ? t.valueText : '').padStart(10)}   ${f.name}${f.inline ? ' (inline)' : ''}`;
      first = false;
    }
  }
  yield TRACE_SEPARATOR;
}

/** The whole report as one newline-terminated string. */
export function renderTracesText(r: TracesStream): string {
  return [...tracesTextLines(r)].join('\n') + '\n';
}
