// The real Observer: the probes (src/probes) before and after a step, as diff lines and a picture.
import type { Lang } from '../core/context.js'
import { diffSnapshots } from './diff.js'
import type { ProbeName } from '../lesson/types.js'
import { takeSnapshot, type Snapshot } from './probes/index.js'
import { mainProcess } from './probes/procs.js'
import { formatChanges } from '../render/changes.js'
import { drawNetwork, formatIsolation, networkChanged } from '../render/picture.js'
import type { Observer } from '../run/ui.js'
import { formatState } from '../commands/state.js'

export function makeObserver (lang: Lang): Observer {
  return {
    snapshot: async (probes: ProbeName[], uuid: string | undefined) => await takeSnapshot(probes, { uuid }),
    describe: (before: unknown, after: unknown) => {
      const now = after as Snapshot
      if (before === undefined) return formatState(now, lang)
      const changes = diffSnapshots(before as Snapshot, now)
      const lines = formatChanges(changes, lang)
      return networkChanged(changes) ? [...lines, '', ...drawNetwork(now, lang)] : lines
    },
    isolation: async (uuid: string) => {
      const s = await takeSnapshot(['proc'], { uuid })
      const main = s.proc && mainProcess(s.proc, uuid)
      return { lines: formatIsolation(s, lang), isolated: main !== undefined && main.ns.pid !== s.proc?.host.pid }
    }
  }
}
