// Under --yes nothing runs between one step's "after" and the next step's "before" (no prompt, no
// shell): one probe round serves both. At a terminal the learner may change things in between.
import type { Snapshot } from '../observe/probes/index.js'

export class LastState {
  private kept: { key: string; snapshot: Snapshot } | undefined

  /** the state last read with this key (probes and uuid), once; undefined when anything else ran since */
  take(key: string): Snapshot | undefined {
    const kept = this.kept
    this.kept = undefined
    return kept?.key === key ? kept.snapshot : undefined
  }

  keep(key: string, snapshot: Snapshot): void {
    this.kept = { key, snapshot }
  }
}
