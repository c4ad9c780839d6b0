// Free space on the btrfs under /var/bocker. When it is full, bocker's snapshot still succeeds (it is
// only metadata) but resolv.conf, the .cmd file and the container's log cannot be written.
import { statfsSync } from 'node:fs'
import { BTRFS_PATH } from './paths.js'

/** below this the lesson cannot write its files: resolv.conf, <uuid>.cmd, <uuid>.log */
export const MIN_FREE_MIB = 8

export function freeMiB(path = BTRFS_PATH): number | undefined {
  try {
    const s = statfsSync(path)
    return Math.floor((s.bavail * s.bsize) / 1048576)
  } catch {
    return undefined
  }
}
