/**
 * Writes the synthetic fixtures (fixtures/synthetic/) when goldens are being
 * regenerated (UPDATE_GOLDEN=1), before go tool pprof reads them.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './paths.js';
import { SYNTHETIC_DROP_FRAMES } from './report-cases.js';
import { dropFramesProfileGz } from './synthetic-profiles.js';

/** Writes fixtures/synthetic/*.pb.gz from their generators (only with UPDATE_GOLDEN=1). */
export function writeSyntheticFixtures(): void {
  if (process.env.UPDATE_GOLDEN !== '1') return;
  const path = join(ROOT, SYNTHETIC_DROP_FRAMES);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, dropFramesProfileGz());
}
