/**
 * The query's helper thread for tests that must see their job posted to it:
 * started, and waited for up to a minute. A job waits only two seconds for a
 * thread still starting (then does the work here), and a loaded CI machine
 * can take longer than that to start one.
 */

import assert from 'node:assert/strict';
import { PassWorker } from '../../src/query/parallel.js';
import type { SampleTable } from '../../src/model/sample-table.js';

/** The helper thread that takes `samples`, once it has started. */
export function startedHelper(samples: SampleTable): PassWorker {
  const helper = PassWorker.start('always', samples);
  assert.ok(helper !== null, 'the helper thread takes the profile');
  assert.ok(helper.ready(60_000), 'the helper thread started within a minute');
  return helper;
}
