// The room: each learner's latest report, and who is stuck. Stuck means a check of the step failed,
// or the learner has been on the step more than twice the room's median time on it (the median of
// those who finished it and those on it now).
import type { Report } from './report.js'

/** below this, "twice the median" is noise: a --yes run takes milliseconds on a step */
export const STUCK_FLOOR_MS = 30_000
export const MAX_LEARNERS = 200

/** what the learner's last report said (not the room code, not its own clock), and the room's own record */
export interface Learner extends Omit<Report, 'room' | 'ms'> {
  key: string
  /** when (server clock) the learner came to this step */
  since: number
  /** order of first report, for a stable table */
  order: number
}

export type Stuck = { kind: 'failed' } | { kind: 'slow'; ratio: number } | undefined

export interface LearnerView extends Learner {
  elapsedMs: number
  stuck: Stuck
}

export interface FailedClaim {
  lesson: string
  step: string
  label: string
  count: number
}

const stepKey = (lesson: string, step: string): string => `${lesson}\u0000${step}`

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export class Room {
  private readonly learners = new Map<string, Learner>()
  /** per step: each learner's time on it, once they left it */
  private readonly finished = new Map<string, Map<string, number>>()
  /** per step: which learners' last try of it failed which checks */
  private readonly failures = new Map<string, Map<string, string[]>>()
  private added = 0

  constructor(readonly floorMs = STUCK_FLOOR_MS) {}

  get size(): number {
    return this.learners.size
  }

  /** false: the room is full and this is a new learner */
  report(key: string, r: Report, now = Date.now()): boolean {
    const before = this.learners.get(key)
    if (!before && this.learners.size >= MAX_LEARNERS) return false
    const at = stepKey(r.lesson, r.step)
    if (before && (before.lesson !== r.lesson || before.step !== r.step)) {
      const left = stepKey(before.lesson, before.step)
      if (!this.finished.has(left)) this.finished.set(left, new Map())
      this.finished.get(left)!.set(key, Math.max(0, now - before.since))
    }
    if (r.step !== '') {
      if (!this.failures.has(at)) this.failures.set(at, new Map())
      if (r.failed.length > 0) this.failures.get(at)!.set(key, r.failed)
      else this.failures.get(at)!.delete(key)
    }
    this.learners.set(key, {
      key,
      name: r.name,
      lesson: r.lesson,
      step: r.step,
      n: r.n,
      total: r.total,
      held: r.held,
      failed: r.failed,
      ended: r.ended,
      since: now - r.ms,
      order: before?.order ?? this.added++,
    })
    return true
  }

  /**
   * the room's median time on a step: those who left it and those on it now, but `except` (a learner
   * measured against their own time could never be twice the median in a room of two)
   */
  medianOf(lesson: string, step: string, now = Date.now(), except?: string): number | undefined {
    const at = stepKey(lesson, step)
    const times = new Map(this.finished.get(at) ?? [])
    for (const l of this.learners.values()) if (!l.ended && stepKey(l.lesson, l.step) === at) times.set(l.key, Math.max(0, now - l.since))
    if (except !== undefined) times.delete(except)
    return median([...times.values()])
  }

  view(now = Date.now()): LearnerView[] {
    return [...this.learners.values()]
      .sort((a, b) => a.order - b.order)
      .map(l => {
        const elapsedMs = Math.max(0, now - l.since)
        return { ...l, elapsedMs, stuck: this.stuck(l, elapsedMs, now) }
      })
  }

  private stuck(l: Learner, elapsedMs: number, now: number): Stuck {
    if (l.ended || l.step === '') return undefined
    if (l.failed.length > 0) return { kind: 'failed' }
    if (elapsedMs <= this.floorMs) return undefined
    const m = this.medianOf(l.lesson, l.step, now, l.key)
    if (m === undefined || elapsedMs <= 2 * m) return undefined
    return { kind: 'slow', ratio: Math.floor((elapsedMs / Math.max(m, 1)) * 10) / 10 }
  }

  /** each check that failed, with how many learners' last try of the step it failed for, most first */
  failedClaims(): FailedClaim[] {
    const counts = new Map<string, FailedClaim>()
    for (const [at, byLearner] of this.failures) {
      const [lesson, step] = at.split('\u0000') as [string, string]
      for (const labels of byLearner.values())
        for (const label of new Set(labels)) {
          const k = `${at}\u0000${label}`
          const c = counts.get(k) ?? { lesson, step, label, count: 0 }
          c.count++
          counts.set(k, c)
        }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
  }
}
