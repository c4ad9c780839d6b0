// The page's head: the lesson's name and summary, how the run went about it (cgroup mode, steps left
// out), and the plan with a link to each step.
import type { Lang } from '../core/context.js'
import type { Lesson } from '../lesson/types.js'
import { t } from '../render/words/index.js'
import { esc } from './escape.js'
import { rootAttrs } from './event-html.js'
import { stepId } from './step-html.js'

export interface PlanOptions {
  lang: Lang
  steps: { id: string; title: string }[]
  /** lines under the summary: the run's cgroup mode, what it left out */
  meta: string[]
  ms?: number
}

export function headerHtml(lesson: Lesson, o: PlanOptions): string {
  const exercises = new Set(lesson.steps.filter(s => s.exercise).map(s => s.id))
  const items = o.steps
    .map(
      s =>
        `<li${exercises.has(s.id) ? ' class="exercise"' : ''}><a href="#${esc(stepId(s.id))}">${esc(s.title)}</a> <code>${esc(s.id)}</code></li>`,
    )
    .join('')
  const meta = o.meta.map(m => `<p class="meta">${esc(m)}</p>`).join('')
  const attrs = o.ms === undefined ? 'id="run" class="run"' : rootAttrs('run', o.ms, 'run')
  return (
    `<header ${attrs} data-lesson="${esc(lesson.name)}"><h1>${esc(lesson.name)}</h1><p class="summary">${esc(lesson.summary)}</p>${meta}` +
    `<nav class="plan"><h2>${esc(t(o.lang, 'html.plan'))}</h2><ol>${items}</ol></nav></header>`
  )
}

export function planHtml(
  lesson: Lesson,
  lang: Lang,
  e: { cgroup: string; steps: { id: string; title: string }[]; leftOut: string[] },
  ms: number,
): string {
  const meta = [t(lang, 'run.cgroup', { mode: e.cgroup })]
  if (e.leftOut.length > 0) meta.push(t(lang, 'skip.when', { mode: e.cgroup, n: e.leftOut.length, ids: e.leftOut.join(', ') }))
  return headerHtml(lesson, { lang, steps: e.steps, meta, ms })
}
