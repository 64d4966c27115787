/**
 * `pprof-ts check PROFILE... --budget pprof-budget.json`: evaluates a budget
 * (src/gate/budget.ts, JSON Schema in schema/pprof-budget.schema.json) on
 * profiles and goroutine dumps (files or URLs). Exit codes: 0 every rule
 * holds, 1 a rule is violated, 2 bad budget or usage (the message names the
 * rule and the field).
 */

import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliIo } from './main.js';
import { addSourceOptions, loadSource, loadSourceBytes, type SourceFlags } from './source.js';
import { ExitSignal } from './exit-signal.js';
import { parseBudget } from '../gate/budget.js';
import { evaluateBudget, type CheckInput } from '../gate/check.js';
import { GATE_FORMATS, renderGateReport, type GateFormat, type GateReport } from '../gate/format.js';
import { GATE_EXIT } from '../gate/reports.js';
import { PprofError } from '../errors.js';
import { parseProfile } from '../parse.js';
import { parseGoroutineDump } from '../decode/text/dump-input.js';
import { gunzip, isGzip } from '../decode/gunzip.js';
import type { Profile } from '../model/profile.js';

interface CheckFlags extends SourceFlags {
  budget: string;
  format: GateFormat;
}

/** A goroutine?debug=2 dump starts with `goroutine <id> [`; anything else is read as a profile. */
function isDump(bytes: Uint8Array, max: number): boolean {
  const raw = isGzip(bytes) ? gunzip(bytes, max) : bytes;
  const head = new TextDecoder().decode(raw.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return /^goroutine \d+ \[/.test(head);
}

/** Adds the `check` command to the program. */
export function registerCheck(program: Command, io: CliIo): void {
  const cmd = program
    .command('check')
    .description('check profiles and goroutine dumps against a budget file (exit 0 pass, 1 violated, 2 bad budget or usage)')
    .argument('<profiles...>', 'profiles or goroutine dumps (debug=2)')
    .requiredOption('--budget <file>', 'budget file (JSON, see schema/pprof-budget.schema.json)')
    .addOption(new Option('--format <f>', 'output format').choices(GATE_FORMATS).default('text'));
  addSourceOptions(cmd)
    .action(async (paths: string[], flags: CheckFlags) => {
      let text: string;
      try {
        text = await readFile(flags.budget, 'utf8');
      } catch (e) {
        throw new PprofError('bad-option', `cannot read budget ${flags.budget}: ${(e as Error).message}`, { cause: e });
      }
      const budget = parseBudget(text, flags.budget);
      const inputs: CheckInput[] = [];
      for (const p of paths) {
        const bytes = await loadSourceBytes(p, flags);
        inputs.push(isDump(bytes, flags.maxBytes)
          ? { name: p, kind: 'dump', dump: parseGoroutineDump(bytes, { maxDecompressedBytes: flags.maxBytes }) }
          : { name: p, kind: 'profile', profile: parseProfile(bytes, { maxDecompressedBytes: flags.maxBytes }) });
      }
      const baselines = new Map<string, Profile>();
      for (const r of budget.rules) {
        if (r.kind !== 'new-functions' || baselines.has(r.baseline)) continue;
        // Relative to the budget file, so a budget and its baseline travel together.
        baselines.set(r.baseline, await loadSource(resolve(dirname(flags.budget), r.baseline), { ...flags, seconds: undefined, save: undefined }));
      }
      const results = evaluateBudget(budget, inputs, baselines);
      const failed = results.filter((r) => !r.ok).length;
      const report: GateReport = {
        title: 'pprof-ts check',
        verdict: failed > 0 ? 'FAIL' : 'PASS',
        columns: ['status', 'rule', 'input', 'actual', 'limit', 'detail'],
        rows: results.map((r) => [r.ok ? 'ok' : 'FAIL', r.rule, r.input, r.actual, r.limit, r.detail]),
        notes: [`${results.length - failed} of ${results.length} check(s) passed, ${budget.rules.length} rule(s), ${inputs.length} input(s).`],
        cases: results.map((r) => ({
          name: `${r.rule} [${r.input}]`, status: r.ok ? 'pass' as const : 'fail' as const,
          message: r.ok ? undefined : `${r.actual}, limit ${r.limit}${r.detail ? `; ${r.detail}` : ''}`,
        })),
        data: { results },
      };
      io.stdout(renderGateReport(report, flags.format));
      if (failed > 0) throw new ExitSignal(GATE_EXIT.fail);
    });
}
