/**
 * Ctrl-C for long network operations: the first SIGINT aborts the work
 * through an AbortSignal (so requests stop and nothing half-written is left);
 * the resulting 'interrupted' error makes the CLI exit 130, the shell's code
 * for "killed by SIGINT". A second Ctrl-C exits at once.
 */

import { EXIT } from './exit-codes.js';

/**
 * Runs `work` with a signal that aborts on SIGINT. The handler is installed
 * only while `work` runs, so Ctrl-C elsewhere keeps Node's default behaviour.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
