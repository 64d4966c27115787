/**
 * Output of the gate commands (`check`, `diff`): one report shape rendered as
 * an aligned text table (terminals), Markdown (pull-request comments), JUnit
 * XML (CI test reports: one test case per rule or function) or JSON (exact
 * values as decimal strings, since JSON numbers cannot hold every int64).
 */

/** Output formats of the gate commands. */
export type GateFormat = 'text' | 'json' | 'markdown' | 'junit';

/** All formats, for validation and help. */
export const GATE_FORMATS: readonly GateFormat[] = ['text', 'json', 'markdown', 'junit'];

/** Overall result of a gate. */
export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

/** One JUnit test case. */
export interface GateCase {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skipped';
  /** Failure (or skip) message. */
  readonly message?: string;
}

/** A rendered-agnostic gate report. */
export interface GateReport {
  /** `pprof-ts check`, `pprof-ts diff`... */
  readonly title: string;
  readonly verdict: Verdict;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (method, reasons, summary). */
  readonly notes: readonly string[];
  readonly cases: readonly GateCase[];
  /** The machine-readable body of `--format json`. */
  readonly data: unknown;
}

function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max([...c].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd();
  return [line(columns), ...rows.map(line)].join('\n') + '\n';
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JSON with bigints as decimal strings and non-finite numbers (a new function's relative change) as "Infinity". */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    (typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}

/** Renders a report in one of the formats. */
export function renderGateReport(r: GateReport, format: GateFormat): string {
  switch (format) {
    case 'text': {
      const table = r.rows.length > 0 ? textTable(r.columns, r.rows) : '(nothing to show)\n';
      return `${r.title}: ${r.verdict}\n` + table + r.notes.map((n) => n + '\n').join('');
    }
    case 'markdown': {
      const icon = r.verdict === 'PASS' ? '✅' : r.verdict === 'FAIL' ? '❌' : '⚠️';
      let out = `### ${icon} ${mdCell(r.title)}: ${r.verdict}\n\n`;
      if (r.rows.length > 0) {
        out += `| ${r.columns.map(mdCell).join(' | ')} |\n|${r.columns.map(() => '---').join('|')}|\n`;
        out += r.rows.map((row) => `| ${row.map(mdCell).join(' | ')} |\n`).join('');
      } else {
        out += '_Nothing to show._\n';
      }
      if (r.notes.length > 0) out += '\n' + r.notes.map((n) => `${mdCell(n)}  \n`).join('');
      return out;
    }
    case 'junit': {
      const failures = r.cases.filter((c) => c.status === 'fail').length;
      const skipped = r.cases.filter((c) => c.status === 'skipped').length;
      let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
      out += `<testsuites name="${xml(r.title)}" tests="${r.cases.length}" failures="${failures}" skipped="${skipped}">\n`;
      out += `  <testsuite name="${xml(r.title)}" tests="${r.cases.length}" failures="${failures}" skipped="${skipped}" errors="0">\n`;
      for (const c of r.cases) {
        out += `    <testcase classname="${xml(r.title)}" name="${xml(c.name)}"`;
        if (c.status === 'pass') { out += '/>\n'; continue; }
        out += '>\n';
        out += c.status === 'fail'
          ? `      <failure message="${xml(c.message ?? 'failed')}">${xml(c.message ?? '')}</failure>\n`
          : `      <skipped message="${xml(c.message ?? '')}"/>\n`;
        out += '    </testcase>\n';
      }
      if (r.notes.length > 0) out += `    <system-out>${xml(r.notes.join('\n'))}</system-out>\n`;
      return out + '  </testsuite>\n</testsuites>\n';
    }
    case 'json':
      return toJson({ title: r.title, verdict: r.verdict, ...(r.data as object), notes: r.notes });
  }
}
