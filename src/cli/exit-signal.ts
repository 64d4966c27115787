/**
 * How a command ends with a non-zero exit code after printing its result
 * normally (a gate that found a violation): it throws an ExitSignal, which
 * `run` turns into the code without printing an error line.
 */

/** Thrown by a command whose output is complete but whose exit code is not 0. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitSignal';
  }
}
