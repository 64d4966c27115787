/** Exit codes of the CLI, in one place for every command. */
export const EXIT = {
  ok: 0,
  /** Bad input: unreadable, corrupt or invalid profile, failed fetch. */
  failure: 1,
  /** Bad usage: unknown option, bad regex, unknown sample index. */
  usage: 2,
  /** Ctrl-C: 128 + SIGINT, what shells report for a command stopped by it. */
  interrupted: 130,
} as const;
