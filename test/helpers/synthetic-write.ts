/**
 * Writes the synthetic fixtures (fixtures/synthetic/) when goldens are being
 * regenerated (UPDATE_GOLDEN=1), before go tool pprof reads them.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './paths.js';
import {
  SYNTHETIC_DROP_FRAMES, SYNTHETIC_INLINE_EDGES, SYNTHETIC_LABEL_CANCEL, SYNTHETIC_LABEL_SUMS, SYNTHETIC_LABEL_UNITS, SYNTHETIC_NAMES,
} from './report-cases.js';
import { inlineEdgesProfileGz } from './synthetic-inline-edges.js';
import { namesProfileGz } from './synthetic-names.js';
import { dropFramesProfileGz } from './synthetic-profiles.js';
import { labelSumsProfileGz } from './synthetic-label-sums.js';

/** Writes fixtures/synthetic/*.pb.gz from their generators (only with UPDATE_GOLDEN=1). */
export function writeSyntheticFixtures(): void {
  if (process.env.UPDATE_GOLDEN !== '1') return;
  const files: [string, Uint8Array][] = [
    [SYNTHETIC_DROP_FRAMES, dropFramesProfileGz()],
    [SYNTHETIC_LABEL_SUMS, labelSumsProfileGz('unsigned')],
    [SYNTHETIC_LABEL_CANCEL, labelSumsProfileGz('signed')],
    [SYNTHETIC_LABEL_UNITS, labelSumsProfileGz('units')],
    [SYNTHETIC_NAMES, namesProfileGz()],
    [SYNTHETIC_INLINE_EDGES, inlineEdgesProfileGz()],
  ];
  for (const [file, bytes] of files) {
    const path = join(ROOT, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}
