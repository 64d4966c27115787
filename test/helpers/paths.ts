/**
 * Paths of the repository as seen from compiled tests (dist/test/...).
 */

import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** Root of the repository. */
export const ROOT = join(here, '..', '..', '..');
/** The captured fixture profiles. */
export const PROFILES = join(ROOT, 'fixtures', 'profiles');
/** Committed goldens. */
export const GOLDEN = join(ROOT, 'test', 'golden');
/** The CLI entry point. */
export const BIN = join(ROOT, 'bin', 'pprof-ts');
