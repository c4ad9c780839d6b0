// The probes before and after a step, and a look at a running container: values, no words.
import type { ProbeName } from '../lesson/types.js'
import { type Change, diffSnapshots } from './diff.js'
import type { ProbeOptions } from './probes/env.js'
import { type Snapshot, takeSnapshot } from './probes/index.js'
import { mainProcess } from './probes/procs.js'

export interface Isolation {
  snapshot: Snapshot
  /** a container process of this uuid was found */
  seen: boolean
  /** it runs inside its own namespaces (cgexec and unshare come first, in the host's) */
  isolated: boolean
}

export interface Observer {
  snapshot: (probes: ProbeName[], uuid: string | undefined) => Promise<Snapshot>
  diff: (before: Snapshot, after: Snapshot) => Change[]
  isolation: (uuid: string) => Promise<Isolation>
}

export function makeObserver(probes: ProbeOptions = {}): Observer {
  const snap = async (names: ProbeName[], uuid: string | undefined): Promise<Snapshot> =>
    await takeSnapshot(names, uuid === undefined ? {} : { uuid }, probes)
  return {
    snapshot: snap,
    diff: diffSnapshots,
    isolation: async (uuid: string) => {
      const snapshot = await snap(['proc'], uuid)
      const main = snapshot.proc && mainProcess(snapshot.proc, uuid)
      return { snapshot, seen: main !== undefined, isolated: main !== undefined && main.ns.pid !== snapshot.proc?.host.pid }
    },
  }
}
