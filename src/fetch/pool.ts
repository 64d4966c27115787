/**
 * A bounded worker pool: runs async jobs with at most `limit` in flight, in
 * queue order, and stops starting new ones once the signal aborts. Used so a
 * capture of many daemons opens a bounded number of connections.
 */

/**
 * Runs every job with at most `limit` at a time. Jobs must not throw (they
 * record their own failures); jobs not yet started when `signal` aborts are
 * handed to `onSkipped` instead of being run.
 */
export async function runPool<T>(jobs: readonly T[], limit: number, run: (job: T) => Promise<void>,
  signal?: AbortSignal, onSkipped?: (job: T) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      if (signal?.aborted === true) {
        onSkipped?.(job);
        continue;
      }
      await run(job);
    }
  };
  const workers = Math.max(1, Math.min(limit, jobs.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
