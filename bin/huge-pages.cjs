// Big inputs on Linux: run the command again in a child process whose allocator asks the kernel for
// transparent huge pages.
//
// Reading a big profile writes to a few hundred megabytes of fresh memory (the decompressed bytes,
// the columns, a flame page's call-tree state). Each first write to a 4 KB page costs a page fault,
// about 12 us on the VMs this was measured on: 60,000 of them in `top` on the bench's real-shaped
// 100 MB profile, 120,000 in its flame page. With glibc's `glibc.malloc.hugetlb=1` tunable, malloc
// marks its big blocks for transparent huge pages (madvise), one fault per 2 MB: 61,000 faults
// became 24,000 and `top` about 1.5 s became 1.35 s. Node's ArrayBuffers come from malloc, so the
// tunable reaches them, but glibc reads it only when a process starts (GLIBC_TUNABLES): hence the
// second process. Starting it costs about 0.1 s, so only inputs of at least MIN_BYTES take this
// path, and only where it can pay: Linux, glibc 2.35 or later (the tunable's first release), and
// transparent huge pages in `madvise` mode (with `always` the kernel uses them anyway; with `never`
// not at all). PPROF_TS_HUGE_PAGES=0 turns it off; a GLIBC_TUNABLES that already names the tunable
// (the child's own, or the user's) leaves the process as it is.
//
// The child gets the same node flags, arguments, stdin, stdout and stderr; this process forwards
// SIGINT, SIGTERM and SIGHUP to it and ends as it ends (its exit code, or the same signal).
'use strict';
const { readFileSync } = require('node:fs');

/** Total size of the file inputs (input-bytes.cjs), from which a restart pays. */
const MIN_BYTES = 16 * 1024 * 1024;
const TUNABLE = 'glibc.malloc.hugetlb';
const THP_MODE_FILE = '/sys/kernel/mm/transparent_hugepage/enabled';
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Whether a command whose inputs measure `inputs` (input-bytes.cjs `measureInputs`) should run in
 * a huge-page child. `probe` gives the facts (the defaults read this process and machine; tests
 * pass their own).
 */
function wantsHugePages(inputs, probe = systemProbe()) {
  const env = probe.env;
  if (probe.platform !== 'linux' || env.PPROF_TS_HUGE_PAGES === '0') return false;
  // Under a debugger (node --inspect), the work stays in the process it is attached to (and a
  // child would find the inspector's port taken).
  if (probe.execArgv.some((a) => /^--inspect/.test(a)) || /--inspect/.test(env.NODE_OPTIONS ?? '')) return false;
  if ((env.GLIBC_TUNABLES ?? '').split(':').some((t) => t.split('=')[0] === TUNABLE)) return false;
  // URLs and stdin beside big files do not matter: a restart is only ever slower, never different.
  return inputs.bytes >= MIN_BYTES && whyNoHugePages(probe) === null;
}

/**
 * Why the tunable cannot help on this machine (null when it can): not Linux, transparent huge pages
 * not in `madvise` mode, or no glibc 2.35 or later. The C library's version is read last (8 ms).
 */
function whyNoHugePages(probe = systemProbe()) {
  if (probe.platform !== 'linux') return 'not Linux';
  if (!/\[madvise\]/.test(probe.thpMode())) return 'transparent huge pages are not in madvise mode';
  const glibc = /^(\d+)\.(\d+)/.exec(probe.glibcVersion() ?? '');
  if (glibc === null || Number(glibc[1]) < 2 || (Number(glibc[1]) === 2 && Number(glibc[2]) < 35)) return 'no glibc 2.35 or later';
  return null;
}

/** The facts wantsHugePages reads, from this process and machine. */
function systemProbe() {
  return {
    platform: process.platform,
    env: process.env,
    execArgv: process.execArgv,
    thpMode: () => {
      try {
        return readFileSync(THP_MODE_FILE, 'utf8');
      } catch {
        return '';
      }
    },
    // The process report's header names the C library's version (absent with musl): about 8 ms, read last.
    glibcVersion: () => process.report?.getReport?.()?.header?.glibcVersionRuntime,
  };
}

/**
 * Runs `script` with `args` in a child process with the tunable set, and ends this process as the
 * child ends. Calls `fallback` instead when the child cannot be started.
 */
function runWithHugePages(script, args, fallback) {
  const { spawn } = require('node:child_process');
  const tunables = [process.env.GLIBC_TUNABLES, `${TUNABLE}=1`].filter((t) => t !== undefined && t !== '').join(':');
  let child;
  try {
    child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      stdio: 'inherit', env: { ...process.env, GLIBC_TUNABLES: tunables },
    });
  } catch {
    fallback();
    return;
  }
  const forward = (signal) => {
    child.kill(signal);
  };
  for (const s of FORWARDED) process.on(s, forward);
  let started = false;
  child.once('spawn', () => {
    started = true;
  });
  child.once('error', () => {
    if (started) return; // 'exit' follows
    for (const s of FORWARDED) process.off(s, forward);
    fallback();
  });
  child.once('exit', (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    if (signal === null) process.exit(code ?? 1);
    // Ends this process by the same signal; should it survive it (one Node ignores), the shell's code.
    process.exitCode = 128 + (require('node:os').constants.signals[signal] ?? 0);
    process.kill(process.pid, signal);
  });
}

module.exports = { wantsHugePages, whyNoHugePages, runWithHugePages, MIN_BYTES, TUNABLE };
