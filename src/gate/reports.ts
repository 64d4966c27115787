/**
 * Gate results as {@link GateReport}s: the two-profile comparison and the
 * multi-run gate, each as a table, notes and JUnit cases.
 */

import type { ProfileComparison } from './compare.js';
import type { GateResult } from './runs.js';
import type { GateReport } from './format.js';
import { formatLabel } from '../report/units.js';

/** Exit codes of the gate commands (`check`, `diff`). */
export const GATE_EXIT = {
  /** Every rule holds / no regression. */
  pass: 0,
  /** A rule is violated / a regression passed the threshold. */
  fail: 1,
  /** Bad budget file or usage. */
  usage: 2,
  /** Multi-run gate only: too few runs to detect a regression at all. */
  inconclusive: 3,
} as const;

function pct(share: number): string {
  return `${(100 * share).toFixed(2)}%`;
}

function signedPct(d: number): string {
  return `${d >= 0 ? '+' : ''}${(100 * d).toFixed(2)}pp`;
}

function rel(r: number): string {
  return r === Infinity ? 'new' : `${r >= 0 ? '+' : ''}${(100 * r).toFixed(0)}%`;
}

function value(v: bigint, unit: string): string {
  const s = formatLabel(Number(v < 0n ? -v : v), unit) || '0';
  return `${v < 0n ? '-' : v > 0n ? '+' : ''}${s}`;
}

/** The report of `pprof-ts diff BASE NEW`. */
export function comparisonReport(c: ProfileComparison): GateReport {
  const rows = c.changes.map((x) => [
    x.regression ? 'REGRESSION' : '', x.name, pct(x.baseShare), pct(x.newShare), signedPct(x.deltaShare), rel(x.relative),
    value(x.deltaValue, c.unit),
    `${formatLabel(Number(x.baseFlat), c.unit) || '0'} -> ${formatLabel(Number(x.newFlat), c.unit) || '0'}`,
    `${formatLabel(Number(x.baseCum), c.unit) || '0'} -> ${formatLabel(Number(x.newCum), c.unit) || '0'}`,
  ]);
  return {
    title: 'pprof-ts diff',
    verdict: c.regressions > 0 ? 'FAIL' : 'PASS',
    columns: ['', 'function', `base ${c.metric}%`, `new ${c.metric}%`, 'change', 'relative', `${c.metric} change`, 'flat', 'cum'],
    rows,
    notes: [
      `${c.sampleType}: base total ${formatLabel(Number(c.baseTotal), c.unit) || '0'}, new total ${formatLabel(Number(c.newTotal), c.unit) || '0'}; ` +
      `shares are of each profile's own total.`,
      `${c.regressions} regression(s): ${c.metric} share up by >= ${(100 * c.threshold).toFixed(0)}% of its base share; ` +
      `functions under ${pct(c.minShare)} on both sides are not shown.`,
    ],
    cases: c.changes.map((x) => ({
      name: x.name,
      status: x.regression ? 'fail' : 'pass',
      message: x.regression ? `${c.metric} share ${pct(x.baseShare)} -> ${pct(x.newShare)} (${rel(x.relative)})` : undefined,
    })),
    data: { comparison: c },
  };
}

/** The report of `pprof-ts diff --base-runs ... --new-runs ...`. */
export function gateReport(g: GateResult): GateReport {
  const rows = g.functions.map((f) => [
    f.verdict, f.name, pct(f.baseMean), pct(f.newMean), signedPct(f.delta), rel(f.relative),
    `[${signedPct(f.ci[0])}, ${signedPct(f.ci[1])}]`, f.p.toPrecision(2), f.q.toPrecision(2),
  ]);
  const notes = [
    `${g.sampleType}, ${g.metric} share per run: ${g.baseRuns} base vs ${g.newRuns} new runs; ` +
    `${g.functions.length} function(s) at or above the ${pct(g.minShare)} noise floor tested.`,
    `Method: one-sided permutation test of the difference of mean shares, Benjamini-Hochberg q-values (FDR ${g.alpha}), ` +
    `${(100 * g.confidence).toFixed(0)}% bootstrap interval; FAIL = q <= ${g.alpha} and a rise of >= ${(100 * g.threshold).toFixed(0)}% of the base share.`,
  ];
  if (g.reason !== '') notes.push(`INCONCLUSIVE: ${g.reason}.`);
  return {
    title: 'pprof-ts diff (runs)',
    verdict: g.verdict,
    columns: ['verdict', 'function', 'base mean', 'new mean', 'change', 'relative', `${(100 * g.confidence).toFixed(0)}% CI`, 'p', 'q'],
    rows,
    notes,
    cases: [
      ...g.functions.map((f) => ({
        name: f.name,
        status: f.verdict === 'FAIL' ? 'fail' as const : 'pass' as const,
        message: f.verdict === 'FAIL' ? `mean share ${pct(f.baseMean)} -> ${pct(f.newMean)} (${rel(f.relative)}), q=${f.q.toPrecision(2)}` : undefined,
      })),
      ...(g.reason !== '' ? [{ name: 'enough runs', status: 'skipped' as const, message: g.reason }] : []),
    ],
    data: { gate: g },
  };
}
