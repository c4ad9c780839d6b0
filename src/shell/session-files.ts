// What a lesson shell uses on the machine: a folder for its step files, and the learner's terminal.
import { constants, existsSync, mkdtempSync, openSync, readlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Set in every lesson shell's environment (so in all it starts): the pid of the run that started it. */
export const RUN_MARK = 'BOCKER_LEARN_RUN'
/** in the session folder: the lesson shell's pid, the `$$` its lesson's scratch names carry */
export const SHELL_PID_FILE = 'shell.pid'
/** <root>/bocker-learn-<pid>-XXXX: reset removes the ones whose run is gone */
export const SESSION_DIR_PREFIX = 'bocker-learn-'
// Every block is written to a file and sourced: in memory (/dev/shm) that costs 0.01 ms a file, on
// an ext4 /tmp 0.4 ms. reset looks in both.
export const SESSION_ROOTS = [...(existsSync('/dev/shm') ? ['/dev/shm'] : []), tmpdir()]

/** the run's own folder, in the first root that takes one (a read-only /dev/shm falls back to /tmp) */
export function makeSessionDir(): string {
  for (const root of SESSION_ROOTS.slice(0, -1)) {
    try {
      return mkdtempSync(join(root, `${SESSION_DIR_PREFIX}${process.pid}-`))
    } catch {
      /* next root */
    }
  }
  return mkdtempSync(join(SESSION_ROOTS.at(-1)!, `${SESSION_DIR_PREFIX}${process.pid}-`))
}

/**
 * Our own open of the terminal: node's fd 0 is non-blocking (libuv), and a shell's `read` on it
 * fails with EAGAIN. O_NOCTTY: never the lesson shell's controlling terminal.
 */
export function openTerminal(): number | undefined {
  try {
    return openSync(readlinkSync('/proc/self/fd/0'), constants.O_RDONLY | constants.O_NOCTTY)
  } catch {
    return undefined
  }
}
