/**
 * Opens a file with the system's default application, as `go tool pprof
 * -http` opens its browser: `xdg-open` on Linux and the BSDs, `open` on
 * macOS, `start` (through cmd.exe) on Windows. The opener is found on PATH,
 * started detached, and not waited for.
 */

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The opener command for a platform, as [program, ...args before the file]. */
export function openerFor(platform: NodeJS.Platform): [string, ...string[]] {
  switch (platform) {
    case 'darwin': return ['open'];
    // `start` is a cmd.exe built-in; its first quoted argument is a window title.
    case 'win32': return ['cmd', '/c', 'start', '""'];
    default: return ['xdg-open'];
  }
}

/**
 * Starts the opener on `file` (made absolute). Resolves once it has started;
 * rejects with a one-line reason when it cannot be started (not installed).
 */
export function openFile(file: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [program, ...args] = openerFor(platform);
  return new Promise((done, fail) => {
    const child = spawn(program, [...args, resolve(file)], { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' });
    child.once('error', (e: NodeJS.ErrnoException) => {
      fail(new Error(e.code === 'ENOENT' ? `${program} not found on PATH` : `${program}: ${e.message}`));
    });
    child.once('spawn', () => { child.unref(); done(); });
  });
}
