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
import { pinRefused, uuidWhy } from '../uuid.js'
import { displayWidth, terminalWidth, wrap } from '../width.js'
import { t, type Vars, type WordKey } from '../words/index.js'

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
  /** output of a quiet (catch-up) block: shown only if the block fails */
  private held: string | undefined

  constructor(
    private readonly lesson: Lesson,
    private readonly o: TerminalOptions,
  ) {}

  take(e: RunEvent): void {
    // keep order: while a step's Markdown renders, later events wait behind it
    if (this.waiting === 0 && e.type !== 'intro' && e.type !== 'step-started') {
      this.show(e)
      return
    }
    this.waiting++
    this.queue = this.queue
      .then(async () => {
        await this.showAsync(e)
      })
      .finally(() => {
        this.waiting--
      })
  }

  async flush(): Promise<void> {
    await this.queue
  }

  private async showAsync(e: RunEvent): Promise<void> {
    if (e.type === 'intro') this.say(await renderMarkdown(this.lesson.intro, this.render()))
    else if (e.type === 'step-started') await this.stepStarted(e)
    else this.show(e)
  }

  private async stepStarted(e: Extract<RunEvent, { type: 'step-started' }>): Promise<void> {
    if (e.quiet) return
    const step = this.lesson.steps.find(s => s.id === e.id)
    const head = this.t('step.header', { n: e.n, total: e.total, id: e.id })
    const rule = '━'.repeat(Math.max(0, terminalWidth() - displayWidth(head) - 4))
    this.say(['', this.o.color ? kleur.bold().inverse(` ${head} `) + ' ' + rule : `== ${head} ${rule}`, ''])
    if (step) this.say(await renderMarkdown(step.tokens, this.render()))
    this.say([''])
  }

  private show(e: RunEvent): void {
    switch (e.type) {
      case 'run-started':
        this.info('run.cgroup', { mode: e.cgroup })
        if (e.leftOut.length > 0) this.info('skip.when', { mode: e.cgroup, n: e.leftOut.length, ids: e.leftOut.join(', ') })
        return
      case 'orphans-found':
        this.info('run.orphans', { uuids: e.uuids.join(', ') })
        return
      case 'catch-up':
        this.info('run.quiet', { n: e.until + 1 })
        return
      case 'block-started':
        if (e.role === 'try') this.info('block.tryLine', { line: e.code.split('\n')[0]!, more: e.code.includes('\n') ? ' …' : '' })
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
        this.blockEnded(e.quiet, e.role === 'teardown', e.result)
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
    const failed = !r.accepted || r.interrupted
    if ((quiet || teardown) && !failed) return
    if (held) {
      this.o.out(held)
      this.atLineStart = held.endsWith('\n')
    }
    const lines: string[] = []
    if (!this.atLineStart) lines.push('')
    const ms = r.durationMs < 1000 ? `${Math.round(r.durationMs)} ms` : `${(r.durationMs / 1000).toFixed(1)} s`
    if (r.timedOut) lines.push(this.mark('✗', this.t('result.timeout', { sec: r.timeoutSec }), 'red'))
    else if (r.interrupted) lines.push(this.mark('■', this.t('result.interrupted'), 'yellow'))
    if (r.exitCalled !== undefined) lines.push(this.mark('■', this.t('result.exit', { code: r.exitCalled }), 'yellow'))
    else if (!r.shellDied) {
      const key = r.status === 0 ? 'result.ok' : r.accepted ? 'result.expected' : 'result.failed'
      lines.push(this.mark(r.accepted ? '✓' : '✗', this.t(key, { status: r.status, ms }), r.accepted ? 'green' : 'red'))
      if (r.pipestatus.length > 1) lines.push(`  ${this.t('result.pipestatus', { ps: r.pipestatus.join(' | ') })}`)
    }
    if (r.optionsUndone) lines.push(`  ${this.t('result.options', { opts: r.optionsUndone.trim() })}`)
    this.say(lines)
  }

  private runEnded(o: RunOutcome): void {
    const err = (key: WordKey, vars?: Vars): void => {
      this.o.err(this.t(key, vars))
    }
    switch (o.status) {
      case 'done':
        if (o.failedSteps.length > 0) err('run.stepsFailed', { ids: o.failedSteps.join(', ') })
        if (o.failedClaims > 0) err('run.claimsFailed', { n: o.failedClaims })
        if (o.failedSteps.length === 0 && o.failedClaims === 0) this.info('run.done')
        return
      case 'failed':
        err('run.failed', { id: o.step })
        if (o.btrfsFull) err('run.btrfsFull', { path: o.btrfsFull.path, free: o.btrfsFull.freeMiB })
        return
      case 'exited':
        return
      case 'shell-died': {
        const how = o.signal ? this.t('result.diedSignal', { signal: o.signal }) : this.t('result.diedStatus', { code: o.code ?? '?' })
        err('result.died', { why: [how, o.diagnostics].filter(Boolean).join(': ') })
        return
      }
      case 'prelude-failed':
        err('run.preludeFailed', { file: this.lesson.file, line: o.line, output: o.output })
        return
      case 'pin-refused':
        err('cli.error', { message: pinRefused(o.problem) })
        return
      case 'quit':
        this.info('run.quit')
        return
    }
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

  private mark(symbol: string, text: string, colour: Colour): string {
    return this.paint(symbol && !text.startsWith(symbol) ? `${symbol} ${text}` : text, colour)
  }

  private paint(text: string, colour: Colour): string {
    return this.o.color ? kleur[colour](text) : text
  }

  private render(): { width: number; color: boolean; lang: Lang } {
    return { width: terminalWidth(), color: this.o.color, lang: this.o.lang }
  }
}
