/**
 * The flame page's RE2 translator (src/render/assets/re2.js) is generated
 * from the CLI's (src/query/re2*.ts) by scripts/page-re2.mjs; this fails when
 * the committed file is not what the script makes from the current sources.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../helpers/paths.js';

test('src/render/assets/re2.js is scripts/page-re2.mjs\'s output for the current translator', async () => {
  const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'page-re2.mjs')).href)) as { pageRe2Source(): Promise<string> };
  const committed = readFileSync(join(ROOT, 'src', 'render', 'assets', 're2.js'), 'utf8');
  assert.ok(committed === (await script.pageRe2Source()), 'stale: run `node scripts/page-re2.mjs` and commit src/render/assets/re2.js');
});
