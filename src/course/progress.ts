// A learner's progress through the course, kept on the lab VM (it survives a reboot and a killed
// run): which lessons were finished, which exercises solved, and the course's container and image.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { Lang } from '../core/context.js'
import { withLock } from '../lab/lock.js'
import { STATE_DIR } from '../lab/paths.js'

export const PROGRESS_FILE = `${STATE_DIR}/progress.json`
const LOCK = `${STATE_DIR}/.progress-lock`

export type ExerciseResult = 'solved' | 'skipped'

export interface LessonProgress {
  finishedAt: string
  lang: Lang
  exercises: Record<string, ExerciseResult>
}

export interface Progress {
  finished: Record<string, LessonProgress>
  /** the container the course goes on with (bocker_run's, or one made for a lesson that needed it) */
  container?: string
  /** the image the course goes on with (bocker_init's, bocker_pull's, bocker_commit's) */
  image?: string
  /** every image a lesson made on this machine: `reset` removes them */
  madeImages?: string[]
}

export function readProgress(file = PROGRESS_FILE): Progress {
  try {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Progress
    return { ...p, finished: p.finished ?? {} }
  } catch {
    return { finished: {} }
  }
}

/** read, change and write back under a lock: two runs ending at once both get their say */
export function updateProgress(change: (p: Progress) => void, file = PROGRESS_FILE): void {
  mkdirSync(STATE_DIR, { recursive: true })
  withLock(LOCK, () => {
    const p = readProgress(file)
    change(p)
    const tmp = `${file}.${process.pid}`
    writeFileSync(tmp, JSON.stringify(p, null, 2) + '\n')
    renameSync(tmp, file)
  })
}

export function markFinished(lesson: string, lang: Lang, exercises: Record<string, ExerciseResult>): void {
  updateProgress(p => {
    p.finished[lesson] = { finishedAt: new Date().toISOString(), lang, exercises }
  })
}

export function setCourseThing(kind: 'container' | 'image', id: string): void {
  updateProgress(p => {
    p[kind] = id
    if (kind === 'image') p.madeImages = [...new Set([...(p.madeImages ?? []), id])]
  })
}

export function clearProgress(file = PROGRESS_FILE): boolean {
  try {
    readFileSync(file)
  } catch {
    return false
  }
  rmSync(file, { force: true })
  return true
}
