// The HTML renderer: a run's events as page fragments, in event order (src/html/fragment.ts says how
// a page applies them). A step's prose is highlighted ahead of time; while one is still being
// rendered, later events wait behind it, as in the terminal renderer.
import type { Lang } from '../core/context.js'
import { claimLabel } from '../lesson/claim.js'
import type { Lesson, Step } from '../lesson/types.js'
import { formatIsolation } from '../render/picture.js'
import { describeRemoved } from '../render/removed.js'
import { formatState } from '../render/state.js'
import type { Renderer, RunEvent } from '../run/events.js'
import { blockHtml } from './block-html.js'
import { esc, stripAnsi } from './escape.js'
import {
  changesHtml,
  claimHtml,
  endedHtml,
  exerciseHtml,
  noteHtml,
  noteText,
  preHtml,
  resultHtml,
  rootAttrs,
  stepEndedHtml,
  teardownHtml,
} from './event-html.js'
import type { Fragment } from './fragment.js'
import { claimId, proseHtml, runsId } from './markdown-html.js'
import { planHtml } from './plan-html.js'
import { logId, type StepView, stepId, stepSection, stepView } from './step-html.js'

const EXERCISE_EVENTS = new Set<RunEvent['type']>(['exercise-checked', 'hint', 'solution-shown', 'exercise-ended', 'exercise-answered'])

export class HtmlRenderer implements Renderer {
  private seq = 0
  private queue: Promise<void> = Promise.resolve()
  private waiting = 0
  private readonly views = new Map<string, Promise<StepView>>()
  private readonly ready = new Map<string, StepView>()
  private current: string | undefined
  private block: { id: string; quiet: boolean; role: string } | undefined
  private chunks = 0
  private n = 0
  /** per step: the claims seen since it started (a claim whose line is not in the prose goes by order) */
  private claims = 0
  private teardown = false
  private titles = new Map<string, string>()

  constructor(
    private readonly lesson: Lesson,
    private readonly lang: Lang,
    private readonly emit: (f: Fragment) => void,
  ) {}

  take(e: RunEvent): void {
    const ms = Date.now()
    if (e.type === 'run-started') for (const s of this.lesson.steps) if (e.steps.some(p => p.id === s.id)) this.view(s)
    if (this.waiting === 0 && e.type !== 'intro' && e.type !== 'step-started') {
      this.guard(() => this.show(e, ms))
      return
    }
    this.waiting++
    this.queue = this.queue
      .then(async () => {
        if (e.type === 'intro') await this.intro(ms)
        else if (e.type === 'step-started') await this.stepStarted(e, ms)
        else this.show(e, ms)
      })
      .catch(() => {
        /* guarded below: a fragment that cannot be made must not stop the rest */
      })
      .finally(() => {
        this.waiting--
      })
  }

  async flush(): Promise<void> {
    await this.queue
  }

  private guard(f: () => void): void {
    try {
      f()
    } catch {
      // the page misses one piece; the run goes on
    }
  }

  private put(id: string, parent: string | null, html: string): void {
    if (html) this.emit({ id, parent, html, seq: this.seq++ })
  }

  private next(prefix: string): string {
    return `${prefix}-${this.n++}`
  }

  private view(step: Step): Promise<StepView> {
    let v = this.views.get(step.id)
    if (!v) {
      v = stepView(step, this.lang)
      v.then(
        r => this.ready.set(step.id, r),
        () => undefined,
      )
      this.views.set(step.id, v)
    }
    return v
  }

  private async intro(ms: number): Promise<void> {
    const lines = { prelude: this.lesson.prelude.map(b => b.line), teardown: this.lesson.teardown.map(b => b.line) }
    const prose = await proseHtml(this.lesson.intro, { lang: this.lang, prefix: 'intro', lines })
    this.put('intro', null, `<section ${rootAttrs('intro', ms, 'intro')}>${prose.html}</section>`)
  }

  private async stepStarted(e: Extract<RunEvent, { type: 'step-started' }>, ms: number): Promise<void> {
    const step = this.lesson.steps.find(s => s.id === e.id)
    const view = step && !e.quiet ? await this.view(step).catch(() => undefined) : undefined
    if (view && !view.title && this.titles.has(e.id)) view.title = esc(this.titles.get(e.id)!)
    this.current = e.id
    this.claims = 0
    this.put(stepId(e.id), null, stepSection({ step, id: e.id, n: e.n, total: e.total, lang: this.lang, view, ms, quiet: e.quiet }))
  }

  /** where an event that belongs to no block goes: the current step's log, or the page */
  private log(step?: string): string | null {
    const id = step || this.current
    return id ? logId(id) : null
  }

  private note(ms: number, text: string, step?: string, cls = 'note'): void {
    const id = this.next('note')
    this.put(id, this.log(step), noteHtml(id, ms, text, cls))
  }

  private show(e: RunEvent, ms: number): void {
    if (EXERCISE_EVENTS.has(e.type)) {
      this.exercise(e, ms)
      return
    }
    const lang = this.lang
    const said = noteText(e, lang)
    if (said) {
      this.note(ms, said.text, undefined, said.cls)
      return
    }
    switch (e.type) {
      case 'run-started':
        for (const s of e.steps) this.titles.set(s.id, s.title)
        this.put('run', null, planHtml(this.lesson, lang, e, ms))
        return
      case 'block-started':
        this.blockStarted(e, ms)
        return
      case 'block-output': {
        if (!this.block) return
        const id = `${this.block.id}-c${this.chunks++}`
        this.put(id, `${this.block.id}-pre`, `<span ${rootAttrs(id, ms)}>${esc(stripAnsi(e.chunk))}</span>`)
        return
      }
      case 'block-ended': {
        const b = this.block
        this.block = undefined
        if (!b || e.tty) return
        if ((e.quiet || e.role === 'teardown') && e.result.status === 0 && !e.result.interrupted) return
        this.put(`${b.id}-end`, b.id, resultHtml(`${b.id}-end`, ms, e.result, lang))
        return
      }
      case 'isolation': {
        const id = this.next(`${stepId(e.step)}-iso`)
        this.put(id, this.log(e.step), preHtml(id, ms, formatIsolation(e.snapshot, lang), 'isolation'))
        return
      }
      case 'state-changed': {
        const id = this.next(`${stepId(e.step)}-changes`)
        this.put(id, this.log(e.step), changesHtml(id, ms, e.changes, e.after, lang))
        return
      }
      case 'state-shown': {
        const id = this.next('state')
        this.put(id, this.log(), preHtml(id, ms, formatState(e.snapshot, lang), 'state'))
        return
      }
      case 'claim':
        this.claim(e, ms)
        return
      case 'step-ended':
        this.put(`${stepId(e.step)}-end`, stepId(e.step), stepEndedHtml(`${stepId(e.step)}-end`, ms, e.status, lang))
        return
      case 'teardown-started':
        this.openTeardown(ms)
        return
      case 'removed': {
        if (!this.teardown) this.openTeardown(ms)
        const id = this.next('removed')
        this.put(id, 'teardown-log', noteHtml(id, ms, describeRemoved(e.item, lang), `removed ${e.item.ok ? 'ok' : 'failed'}`))
        return
      }
      case 'run-ended':
        this.put('run-ended', null, endedHtml(ms, e.outcome, this.lesson.file, lang))
        return
      default:
      // prompts' answers, shells, "More": the page shows everything already
    }
  }

  private openTeardown(ms: number): void {
    this.teardown = true
    this.current = undefined
    this.put('teardown', null, teardownHtml(ms, this.lang))
  }

  private blockStarted(e: Extract<RunEvent, { type: 'block-started' }>, ms: number): void {
    const step = this.lesson.steps.find(s => s.id === e.step)
    const prefix = stepId(e.step)
    const id = this.next(`${prefix}-out`)
    this.block = { id, quiet: e.quiet, role: e.role }
    this.chunks = 0
    // the output goes right under its code in the prose, found by line, or by code in the other language's file
    const inProse =
      step?.blocks.find(b => b.role === e.role && b.line === e.line) ?? step?.blocks.find(b => b.role === e.role && b.code === e.code)
    const parent =
      e.role === 'teardown'
        ? this.teardown
          ? 'teardown-log'
          : this.log()
        : inProse && !e.quiet
          ? runsId(prefix, inProse.line)
          : this.log(e.step)
    this.put(id, parent, blockHtml(id, ms, e, !inProse, this.lang))
  }

  private claim(e: Extract<RunEvent, { type: 'claim' }>, ms: number): void {
    const step = this.lesson.steps.find(s => s.id === e.step)
    const index = this.claims++
    const check = step?.checks.find(c => c.line === e.line) ?? step?.checks[index]
    const view = this.ready.get(e.step)
    const inProse = check !== undefined && view !== undefined
    const id = inProse ? claimId(stepId(e.step), check.line) : this.next(`${stepId(e.step)}-claim`)
    const label = inProse ? claimLabel(check.code) : e.label
    const code = inProse ? view.checks.get(check.line) : undefined
    this.put(
      id,
      this.log(e.step),
      claimHtml({ id, ms, label, status: e.status, exitStatus: e.exitStatus, output: e.output, code }, this.lang),
    )
  }

  private exercise(e: RunEvent, ms: number): void {
    const step = 'step' in e ? e.step : this.current
    const ex = this.lesson.steps.find(s => s.id === step)?.exercise
    // the check's claim in the page's language (the events may come from a run in the other one)
    const said = e.type === 'exercise-checked' && ex ? { ...e, label: claimLabel(ex.check.code) } : e
    const id = this.next(`${stepId(step ?? 'run')}-ex`)
    const html = exerciseHtml(id, ms, said, this.lang)
    if (html) this.put(id, this.log(step), html)
    // the prose's exercise check shows the last verdict that counts
    if (said.type === 'exercise-checked' && said.after !== 'nothing' && ex) {
      const pid = claimId(stepId(step!), ex.check.line)
      this.put(pid, this.log(step), exerciseHtml(pid, ms, said, this.lang)!.replace('exercise-check', 'exercise-check exercise'))
    }
  }
}
