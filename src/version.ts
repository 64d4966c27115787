/** The package version, printed by `pprof-ts --version`. Keep in step with package.json. */
export const VERSION = '0.1.0';
