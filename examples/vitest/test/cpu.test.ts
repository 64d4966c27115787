// Budgets on a CPU profile with Vitest.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadProfile } from 'pprof-ts/node';
import { inspect, assertShareAtMost, assertValueAtMost } from 'pprof-ts/testing';

const cpu = inspect(await loadProfile(fileURLToPath(new URL('cpu.pb.gz', import.meta.url))));

describe('policy-sync CPU budget', () => {
  it('keeps the trie lookup under 40%', () => {
    const lookup = assertShareAtMost(cpu, 'main.(*trieNode).lookup', 0.4);
    expect(lookup.flat).toBe(840_000_000n);
  });

  it('keeps runtime map access under 300ms', () => {
    assertValueAtMost(cpu, { function: /^runtime\.mapaccess/ }, '300ms', { metric: 'cum' });
  });

  it('reads the hottest functions and their callers', () => {
    expect(cpu.hottest(1)[0]!.name).toBe('main.(*trieNode).lookup');
    expect(cpu.callers('main.(*trieNode).lookup').map((e) => e.name)).toContain('main.(*ruleTable).match');
  });

  it('fails a budget with the value, the limit and the contributors', () => {
    expect(() => assertShareAtMost(cpu, { package: 'main' }, 0.1)).toThrowError(/above the limit of 10\.00%[\s\S]*Top contributors:/);
  });
});
