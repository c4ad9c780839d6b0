// The terminal renderer: a lesson run's events as text in the learner's language, in order. Most
// events are written at once; a step's Markdown is rendered (and highlighted) first, so what follows
// it waits in a queue behind it.
import kleur from 'kleur'
import type { Lang } from '../../core/context.js'
import type { Lesson } from '../../lesson/types.js'
import type { BlockResult, Renderer, RunEvent, RunOutcome } from '../../run/events.js'
import { formatChanges } from '../changes.js'
import { renderMarkdown } from '../markdown.js'
import { drawNetwork, formatIsolation, networkChanged } from '../picture.js'
import { describeRemoved } from '../removed.js'
import { formatState } from '../state.js'
import { uuidWhy } from '../uuid.js'
import { displayWidth, terminalWidth, wrap } from '../width.js'
import { say, t, type Vars, type WordKey } from '../words/index.js'
import { endingPhrases, resultLines } from './endings.js'
import { exerciseLines } from './exercise-lines.js'

export interface TerminalOptions {
  lang: Lang
  color: boolean
  out: (text: string) => void
  err: (line: string) => void
}

type Colour = 'green' | 'red' | 'yellow'

export class TerminalRenderer implements Renderer {
  private queue: Promise<void> = Promise.resolve()
  private waiting = 0
  private atLineStart = true
  /** the block running owns the terminal (a tty step): nothing of ours around it */
  private tty = false
  /** output of a quiet (catch-up) block: shown only if the block fails */
  private held: string | undefined

  constructor(
    private readonly lesson: Lesson,
    private readonly o: TerminalOptions,
  ) {}

  take(e: RunEvent): void {
    // keep order: while a step's Markdown renders, later events wait behind it
    if (this.waiting === 0 && e.type !== 'intro' && e.type !== 'step-started' && e.type !== 'step-details') {
      this.show(e)
      return
    }
    this.waiting++
    this.queue = this.queue
      .then(async () => {
        await this.showAsync(e)
      })
      // a Markdown that cannot be rendered must not stop the rest of the run, its teardown above all
      .catch((err: unknown) => {
        this.o.err(this.t('cli.internalError', { detail: String(err) }))
      })
      .finally(() => {
        this.waiting--
      })
  }

  async flush(): Promise<void> {
    await this.queue
  }

  private async showAsync(e: RunEvent): Promise<void> {
    if (e.type === 'intro') this.say(await renderMarkdown(this.lesson.intro, { ...this.render(), fold: true }))
    else if (e.type === 'step-started') await this.stepStarted(e)
    else if (e.type === 'step-details') {
      const step = this.lesson.steps.find(s => s.id === e.step)
      if (step) this.say(['', ...(await renderMarkdown(step.tokens, this.render())), ''])
    } else this.show(e)
  }

  private async stepStarted(e: Extract<RunEvent, { type: 'step-started' }>): Promise<void> {
    if (e.quiet) return
    const step = this.lesson.steps.find(s => s.id === e.id)
    const head = this.t(step?.exercise ? 'step.exerciseHeader' : 'step.header', { n: e.n, total: e.total, id: e.id })
    const rule = '━'.repeat(Math.max(0, terminalWidth() - displayWidth(head) - 4))
    this.say(['', this.o.color ? kleur.bold().inverse(` ${head} `) + ' ' + rule : `== ${head} ${rule}`, ''])
    // the first view: the prose, bocker's line, the experiments and each check's claim; the folded
    // details and the checks' code are one choice away ("more")
    if (step) this.say(await renderMarkdown(step.tokens, { ...this.render(), fold: true, claimsOnly: true }))
    this.say([''])
  }

  private show(e: RunEvent): void {
    const exercise = exerciseLines(e, this.o.lang, this.o.color)
    if (exercise) {
      if (exercise.length > 0) this.say(exercise)
      return
    }
    switch (e.type) {
      case 'run-started':
        this.info('run.cgroup', { mode: e.cgroup })
        if (e.leftOut.length > 0) this.info('skip.when', { mode: e.cgroup, n: e.leftOut.length, ids: e.leftOut.join(', ') })
        return
      case 'orphans-found':
        this.info('run.orphans', { uuids: e.uuids.join(', ') })
        return
      case 'services':
        this.info(e.started ? 'run.services.started' : 'run.services.joined', {
          addresses: e.addresses.join(', '),
          pids: e.pids.join(', '),
        })
        return
      case 'catch-up':
        this.info('run.quiet', { n: e.until + 1 })
        return
      case 'block-started':
        this.tty = e.tty
        if (e.tty) return
        if (e.role === 'try' && !e.quiet)
          this.info('block.tryLine', { line: e.code.split('\n')[0]!, more: e.code.includes('\n') ? ' …' : '' })
        if (e.readsTerminal) this.info('run.stdinTerminal')
        if (e.quiet) this.held = ''
        return
      case 'block-output':
        if (this.held !== undefined) {
          this.held += e.chunk
          return
        }
        this.o.out(e.chunk)
        this.atLineStart = e.chunk.endsWith('\n')
        return
      case 'block-ended':
        if (!e.tty) this.blockEnded(e.quiet, e.role === 'teardown', e.result)
        return
      case 'isolation':
        this.lines(formatIsolation(e.snapshot, this.o.lang))
        return
      case 'state-changed': {
        if (e.changes.length === 0) {
          this.lines([this.t('state.none')])
          return
        }
        const network = networkChanged(e.changes) ? ['', ...drawNetwork(e.after, this.o.lang)] : []
        this.lines([this.t('state.title'), ...formatChanges(e.changes, this.o.lang), ...network])
        return
      }
      case 'state-shown':
        this.lines(formatState(e.snapshot, this.o.lang))
        return
      case 'claim': {
        if (e.status === 'interrupted') {
          this.info('check.interrupted', { label: e.label })
          return
        }
        const ok = e.status === 'held'
        const text = this.t(ok ? 'check.ok' : 'check.failed', { label: e.label, status: e.exitStatus })
        this.say([
          this.paint(text, ok ? 'green' : 'red'),
          ...(ok
            ? []
            : e.output
                .trimEnd()
                .split('\n')
                .filter(Boolean)
                .map(l => `    ${l}`)),
        ])
        return
      }
      case 'step-ended':
        if (e.status === 'quiet-done') this.info('run.quietStep', { id: e.step })
        if (e.status === 'line-done') this.info('run.tryInterrupted')
        if (e.status === 'failed') this.info('run.failedStay')
        return
      case 'failure-explained':
        this.info('run.btrfsFull', { path: e.path, free: e.freeMiB })
        return
      case 'shell-opened':
        this.info('shell.hint')
        return
      case 'shell-closed':
        this.info('shell.back')
        return
      case 'uuid':
        if (e.kind === 'claimed') {
          this.info('run.uuid', { uuid: e.uuid, ip: e.ip })
          return
        }
        if (e.kind === 'pinned') {
          this.info('run.uuidPinned', { uuid: e.uuid })
          return
        }
        if (e.kind === 'kept') {
          this.info('run.uuidKept', { uuid: e.uuid })
          return
        }
        if (e.kind === 'retry') {
          this.info('run.uuidRetry', { uuid: e.uuid, why: uuidWhy(e.problem) })
          return
        }
        return
      case 'teardown-started':
        this.info('run.teardown')
        return
      case 'removed':
        this.say(wrap(describeRemoved(e.item, this.o.lang), terminalWidth()))
        return
      case 'kept':
        this.info('run.kept', { uuid: e.uuid })
        return
      case 'run-ended':
        this.runEnded(e.outcome)
        return
      default:
    }
  }

  private blockEnded(quiet: boolean, teardown: boolean, r: BlockResult): void {
    const held = this.held
    this.held = undefined
    // a catch-up or teardown block shows how it ended only when that is worth a look
    if ((quiet || teardown) && r.status === 0 && !r.interrupted) return
    if (held) {
      this.o.out(held)
      this.atLineStart = held.endsWith('\n')
    }
    this.say([...(this.atLineStart ? [] : ['']), ...resultLines(r, this.o.lang, this.o.color)])
  }

  private runEnded(o: RunOutcome): void {
    const { out, err } = endingPhrases(o, this.lesson.file)
    for (const p of err) this.o.err(say(this.o.lang, p))
    for (const p of out) this.info(p.key, p.vars)
  }

  private t(key: WordKey, vars?: Vars): string {
    return t(this.o.lang, key, vars)
  }

  private info(key: WordKey, vars?: Vars): void {
    this.say(wrap(this.t(key, vars), terminalWidth()))
  }

  private lines(lines: string[]): void {
    this.say(lines.map(l => `  ${l}`))
  }

  private say(lines: string[]): void {
    if (lines.length > 0) this.o.out(lines.join('\n') + '\n')
    this.atLineStart = true
  }

  private paint(text: string, colour: Colour): string {
    return this.o.color ? kleur[colour](text) : text
  }

  private render(): { width: number; color: boolean; lang: Lang } {
    return { width: terminalWidth(), color: this.o.color, lang: this.o.lang }
  }
}
