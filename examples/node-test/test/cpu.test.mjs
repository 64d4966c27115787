// Budgets on a CPU profile with Node's built-in test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadProfile } from 'pprof-ts/node';
import { inspect, assertShareAtMost, assertTotalAtMost, assertAbsent } from 'pprof-ts/testing';

const cpu = inspect(await loadProfile(fileURLToPath(new URL('cpu.pb.gz', import.meta.url))));

test('the trie lookup stays under 40% of CPU', () => {
  assertShareAtMost(cpu, 'main.(*trieNode).lookup', 0.40);
});

test('NAT (everything under natPass) stays under 20%, measured in ms too', () => {
  const nat = assertShareAtMost(cpu, { function: /natPass/ }, 0.20, { metric: 'cum' });
  assert.ok(nat.in('ms', 'cum') < 400);
});

test('the whole capture used at most 2.5s of CPU, and no JSON encoding', () => {
  assertTotalAtMost(cpu, '2.5s');
  assertAbsent(cpu, { package: 'encoding/json' });
});

test('a budget that is exceeded fails with an actionable message', () => {
  assert.throws(() => assertShareAtMost(cpu, 'main.(*trieNode).lookup', 0.10), {
    name: 'AssertionError',
    message: /above the limit of 10\.00%/,
  });
});

test('a misspelt function name is an error, not a pass', () => {
  assert.throws(() => cpu.fn('main.(*trieNode).lokup'), { code: 'no-match', message: /did you mean main\.\(\*trieNode\)\.lookup/ });
});
