// A lock file held for a few milliseconds by one bocker-learn process at a time (claims, services).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { isAlive } from './alive.js'

const LOCK_WAIT_MS = 5000

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

export function withLock<T>(lock: string, fn: () => T): T {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      break
    } catch {
      /* held */
    }
    let holder = NaN
    try {
      holder = Number(readFileSync(lock, 'utf8'))
    } catch {
      continue /* just released */
    }
    // a holder killed inside its lock (or a lock we cannot read for too long) is stale
    if ((Number.isInteger(holder) && holder > 0 && !isAlive(holder)) || Date.now() > deadline) rmSync(lock, { force: true })
    else pause(5)
  }
  try {
    return fn()
  } finally {
    rmSync(lock, { force: true })
  }
}
