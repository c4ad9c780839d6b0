// A machine in a temporary directory for cleanup and reset: btrfs, netns, network devices, the ledger
// and one cgroup2 hierarchy, each a plain directory. Nothing real is touched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Places } from '../../../src/lab/paths.js'

export interface FakeMachine extends Places {
  /** make a file or directory at this path (relative to the fake machine's root) */
  file: (path: string, text?: string) => string
  dir: (path: string) => string
  remove: () => void
}

export function fakeMachine(): FakeMachine {
  const root = mkdtempSync(join(tmpdir(), 'bl-lab-'))
  const places: Places = {
    btrfs: join(root, 'btrfs'),
    netnsDir: join(root, 'netns'),
    sysNet: join(root, 'net'),
    ledgerDir: join(root, 'runs'),
    procSelf: join(root, 'proc'),
    cgroupRoot: join(root, 'cgroup'),
  }
  for (const d of Object.values(places)) mkdirSync(d, { recursive: true })
  writeFileSync(join(places.procSelf, 'mounts'), `cgroup2 ${places.cgroupRoot} cgroup2 rw,nosuid 0 0\n`)
  return {
    ...places,
    file: (path, text = '') => {
      const p = join(root, path)
      writeFileSync(p, text)
      return p
    },
    dir: path => {
      const p = join(root, path)
      mkdirSync(p, { recursive: true })
      return p
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
