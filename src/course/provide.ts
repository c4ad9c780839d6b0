// A lesson that needs the course's container or image, when there is none (the learner skipped a
// lesson): it is made with bocker's own lines, quietly. The lines are those of the lesson that
// teaches them (bocker_run, bocker_init): its prelude and step blocks, without the experiments,
// checks and exercises, with its default arguments.
import type { Lang } from '../core/context.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import { findLesson } from '../lesson/catalog.js'
import { readLesson } from '../lesson/read.js'
import type { Lesson, Need } from '../lesson/types.js'
import { bindArgs, planSteps } from '../plan/plan.js'
import type { Renderer, RunEvent } from '../run/events.js'
import { runLesson } from '../run/lesson-run.js'
import { findCourseThing } from './needs.js'

export const PROVIDERS: Record<Need, string> = { container: 'bocker_run', image: 'bocker_init' }

/** only bocker's lines: every step's `step` block; no experiments, claims or exercises */
export function bare(lesson: Lesson): Lesson {
  const steps = lesson.steps
    .filter(s => !s.exercise)
    .map(s => ({ ...s, blocks: s.blocks.filter(b => b.role === 'step'), checks: [], probes: [] }))
  return { ...lesson, steps }
}

export interface Provided {
  need: Need
  id?: string
  lesson: string
  /** what went wrong, in the run's own words (the last output), when nothing was made */
  failure?: string
}

export async function provide(need: Need, lang: Lang, mode: CgroupMode, signal?: AbortSignal): Promise<Provided> {
  const ref = findLesson(PROVIDERS[need], lang)
  const lesson = bare(await readLesson(ref))
  const seen: RunEvent[] = []
  const quiet: Renderer = {
    take: e => {
      seen.push(e)
    },
    flush: async () => {},
  }
  const outcome = await runLesson({
    lesson,
    ref,
    args: bindArgs(lesson, []),
    plan: planSteps(lesson, mode),
    startAt: 0,
    mode,
    lang,
    events: quiet,
    prompter: undefined,
    keep: false,
    keepMade: true,
    pin: undefined,
    showChanges: false,
    parentSignal: signal,
  })
  const id = outcome === 'done' ? findCourseThing(need) : undefined
  if (id) return { need, id, lesson: lesson.name }
  const output = seen
    .filter(e => e.type === 'block-output')
    .map(e => (e as { chunk: string }).chunk)
    .join('')
  return { need, lesson: lesson.name, failure: output.trim().split('\n').slice(-3).join(' / ') || outcome }
}
