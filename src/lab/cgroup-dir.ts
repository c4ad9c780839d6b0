import { rmdir } from 'node:fs/promises'
import type { Removed } from './removed.js'

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

// rmdir of a cgroup fails with EBUSY until its killed tasks have really exited.
export async function removeCgroupDir(dir: string): Promise<Removed | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await rmdir(dir)
      return { what: 'cgroup', name: dir, ok: true }
    } catch (e) {
      const err = e as NodeJS.ErrnoException
      if (err.code === 'ENOENT') return undefined
      if (err.code !== 'EBUSY') return { what: 'cgroup', name: dir, ok: false, reason: err.message }
      await sleep(40)
    }
  }
  return { what: 'cgroup', name: dir, ok: false, reason: 'busy' }
}
