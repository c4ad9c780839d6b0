// A step as a page section: its header, its prose with bocker's line and the experiments, and an
// empty log where the run's outputs, changes and claims arrive. Shared by the run's renderer and the
// lesson-only handout.
import type { Lang } from '../core/context.js'
import type { Step } from '../lesson/types.js'
import { t } from '../render/words/index.js'
import { esc } from './escape.js'
import { codeHtml } from './highlight-html.js'
import { proseHtml } from './markdown-html.js'

export interface StepView {
  prose: string
  /** the first heading's inline HTML */
  title?: string
  /** each check's code as HTML, by its line (a claim's verdict keeps it folded) */
  checks: Map<number, string>
}

export const stepId = (id: string): string => `step-${id}`
export const logId = (id: string): string => `step-${id}-log`

export async function stepView(step: Step, lang: Lang): Promise<StepView> {
  const lines = {
    step: step.blocks.filter(b => b.role === 'step').map(b => b.line),
    try: step.blocks.filter(b => b.role === 'try').map(b => b.line),
    check: step.checks.map(b => b.line),
    exercise: step.exercise ? [step.exercise.check.line] : [],
    solution: step.exercise ? [step.exercise.solution.line] : [],
  }
  const prose = await proseHtml(step.tokens, { lang, prefix: stepId(step.id), lines, title: true })
  const checks = new Map<number, string>()
  for (const c of step.checks) checks.set(c.line, await codeHtml(c.code, 'bash'))
  return { prose: prose.html, title: prose.title, checks }
}

export interface SectionOptions {
  step: Step | undefined
  id: string
  n: number
  total: number
  lang: Lang
  view?: StepView
  ms?: number
  /** catch-up: run without being shown */
  quiet?: boolean
}

export function stepSection(o: SectionOptions): string {
  const exercise = o.step?.exercise !== undefined
  const head = t(o.lang, exercise ? 'step.exerciseHeader' : 'step.header', { n: o.n, total: o.total, id: o.id })
  const title = o.view?.title ?? esc(o.id)
  const when = o.step?.when ? ` <span class="when">${esc(t(o.lang, 'html.when', { mode: o.step.when.replace('cgroup-', '') }))}</span>` : ''
  const ms = o.ms === undefined ? '' : ` data-ms="${o.ms}"`
  const cls = ['step', exercise ? 'exercise' : '', o.quiet ? 'quiet' : ''].filter(Boolean).join(' ')
  const body = o.quiet ? `<p class="note">${esc(t(o.lang, 'html.quietStep'))}</p>` : `<div class="prose">${o.view?.prose ?? ''}</div>`
  return (
    `<section id="${esc(stepId(o.id))}" class="${cls}" data-step="${esc(o.id)}" data-n="${o.n}"${ms}>` +
    `<h2><span class="n">${esc(head)}</span> <span class="title">${title}</span>${when}</h2>` +
    `${body}<div class="log" id="${esc(logId(o.id))}"></div></section>`
  )
}
