/**
 * The parse tree of the RE2 translator and its one error type, shared by
 * the parser (re2-parse.ts), the limit checks (re2-limits.ts) and the
 * emitter (re2.ts).
 */

import type { CharClass } from './re2-charset.js';

/** A pattern Go's regexp refuses; the message is Go's (`error parsing regexp: ...`). */
export class Re2SyntaxError extends Error {
  constructor(readonly goCode: string, readonly expr: string) {
    super(`error parsing regexp: ${goCode}: \`${expr}\``);
    this.name = 'Re2SyntaxError';
  }
}

/** Go's error codes (regexp/syntax ErrorCode texts). */
export const RE2_ERRORS = {
  charRange: 'invalid character class range',
  escape: 'invalid escape sequence',
  namedCapture: 'invalid named capture',
  perlOp: 'invalid or unsupported Perl syntax',
  repeatOp: 'invalid nested repetition operator',
  repeatSize: 'invalid repeat count',
  utf8: 'invalid UTF-8',
  bracket: 'missing closing ]',
  paren: 'missing closing )',
  repeatArgument: 'missing argument to repetition operator',
  trailingBackslash: 'trailing backslash at end of expression',
  unexpectedParen: 'unexpected )',
  nesting: 'expression nests too deeply',
  tooLarge: 'regexp/syntax: internal error',
} as const;

/** The parse tree (what Go's parser builds, minus its simplifications). */
export type Re2Node =
  | { readonly k: 'lit'; readonly cp: number; readonly fold: boolean }
  | { readonly k: 'class'; readonly cls: CharClass; readonly negated: boolean }
  | { readonly k: 'any'; readonly nl: boolean }
  | { readonly k: 'assert'; readonly js: string }
  | { readonly k: 'group'; readonly cap: boolean; readonly alts: readonly (readonly Re2Node[])[] }
  /** `rep` marks the counted form `{n,m}` (Go's OpRepeat), whose counts Go limits. */
  | { readonly k: 'rep'; readonly sub: Re2Node; readonly min: number; readonly max: number; readonly lazy: boolean; readonly rep: boolean };

/** A group: what the parser returns for the whole pattern (non-capturing). */
export type Re2Group = Extract<Re2Node, { k: 'group' }>;
