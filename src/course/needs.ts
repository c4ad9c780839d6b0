// What a lesson takes over from the course (`needs: container image`): the course's container and
// image, if they still exist; otherwise they are made with bocker's own lines (provide.ts).
import { existsSync } from 'node:fs'
import { isAlive } from '../lab/alive.js'
import { readLedger } from '../lab/ledger.js'
import { BASE_IMAGE, BTRFS_PATH } from '../lab/paths.js'
import type { Need } from '../lesson/types.js'
import { readProgress } from './progress.js'

const exists = (id: string): boolean => existsSync(`${BTRFS_PATH}/${id}`)

/** a container no live run is busy with: kept on purpose, or its run is over */
function settled(uuid: string): boolean {
  const entry = readLedger().find(e => e.uuid === uuid)
  return entry === undefined || entry.kept === true || !isAlive(entry.pid)
}

export function findCourseThing(need: Need): string | undefined {
  const p = readProgress()
  if (need === 'image') return p.image && p.image !== BASE_IMAGE && exists(p.image) ? p.image : undefined
  if (p.container && exists(p.container) && settled(p.container)) return p.container
  // a container the learner kept (`run bocker_run --keep`, or "keep" at the end)
  return readLedger()
    .filter(e => e.kept && exists(e.uuid))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]?.uuid
}

/** `{container}` / `{image}` in an argument's default, replaced by the course's one */
export function withCourseDefaults(defaultValue: string | undefined, things: Partial<Record<Need, string>>): string | undefined {
  const need = /^\{(container|image)\}$/.exec(defaultValue ?? '')?.[1] as Need | undefined
  return need === undefined ? defaultValue : things[need]
}
