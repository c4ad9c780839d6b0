// The real Ui: writes to the terminal, asks with enquirer, wraps to the terminal's width.
import enquirer from 'enquirer'
import kleur from 'kleur'
import type { Lang } from '../core/context.js'
import type { Lesson, Step } from '../lesson/types.js'
import type { StepResult } from '../shell/session.js'
import type { Action, Ui } from '../run/ui.js'
import { renderMarkdown } from './markdown.js'
import { t } from './words/index.js'
import { displayWidth, wrap } from './width.js'

export interface TerminalOptions { lang: Lang, color: boolean, write?: (s: string) => void }

export function width (): number {
  return Math.max(40, Math.min(process.stdout.columns || 80, 100))
}

/**
 * Keys pressed while a step ran (an impatient Enter, twice) wait in the terminal's buffer and would
 * answer the next prompt at once: the next step would run unasked. Read them away first. A Ctrl-C
 * among them (raw mode turns it into a byte) still counts: the caller treats it as Ctrl-C at the prompt.
 */
async function discardTypeAhead (): Promise<{ ctrlC: boolean }> {
  const input = process.stdin
  if (!input.isTTY) return { ctrlC: false }
  let ctrlC = false
  const drop = (data: Buffer): void => { ctrlC ||= data.includes(3) }
  input.setRawMode(true)
  input.on('data', drop)
  input.resume()
  await new Promise(resolve => setTimeout(resolve, 25))
  input.off('data', drop)
  input.pause()
  input.setRawMode(false)
  return { ctrlC }
}

/**
 * A prompt's constructor hooks SIGINT and SIGTERM (enquirer's cursor guard), and that hook calls
 * process.exit(130/143): a signal at a prompt would end the run without its teardown and leave the
 * container's veth and netns behind. Take those hooks off again; run-lesson's own signal handling
 * cancels the prompt (abort) and tears down. The 'exit' hook that shows the cursor again stays.
 */
function withoutExitHook<T> (make: () => T): T {
  const signals = ['SIGINT', 'SIGTERM'] as const
  const before = signals.map(s => process.listeners(s))
  const prompt = make()
  signals.forEach((s, i) => {
    for (const l of process.listeners(s)) if (!before[i]!.includes(l)) process.off(s, l as (...args: unknown[]) => void)
  })
  return prompt
}

export class TerminalUi implements Ui {
  private atLineStart = true
  private active: { cancel: () => unknown } | undefined
  /** a quit signal came while no prompt was up: the next prompt must not wait for an answer */
  private aborted = false
  private readonly write: (s: string) => void

  constructor (private readonly opts: TerminalOptions) {
    // a closed terminal (SIGHUP) must not crash the teardown
    this.write = opts.write ?? (s => { try { process.stdout.write(s) } catch { /* gone */ } })
  }

  private say (lines: string[]): void {
    for (const l of lines) this.write(l + '\n')
    this.atLineStart = true
  }

  async intro (lesson: Lesson): Promise<void> {
    this.say(await renderMarkdown(lesson.intro, this.render()))
  }

  async step (step: Step, n: number, total: number): Promise<void> {
    const head = t(this.opts.lang, 'step.header', { n, total, id: step.id })
    const rule = '━'.repeat(Math.max(0, width() - displayWidth(head) - 4))
    this.say(['', this.opts.color ? kleur.bold().inverse(` ${head} `) + ' ' + rule : `== ${head} ${rule}`, ''])
    this.say(await renderMarkdown(step.tokens, this.render()))
    this.say([''])
  }

  async ask (canGoBack: boolean): Promise<Action> {
    const L = this.opts.lang
    const actions: Action[] = ['run', 'skip', ...(canGoBack ? ['back' as const] : []), 'reread', 'state', 'shell', 'quit']
    if ((await discardTypeAhead()).ctrlC || this.aborted) return 'quit'
    const prompt = withoutExitHook(() => new (enquirer as any).Select({
      name: 'action',
      message: t(L, 'ask.message'),
      choices: actions.map(a => ({ name: a, message: t(L, `ask.${a}`) })),
      // enquirer lists as many choices as the terminal has rows; a terminal that reports 0 rows
      // (a bare pty, some serial consoles) would show none
      rows: Math.max(process.stdout.rows || 0, actions.length + 2),
      columns: width()
    }))
    this.active = prompt
    try {
      return await prompt.run() as Action
    } catch {
      return 'quit' // Ctrl-C or Esc at a prompt quits (with teardown)
    } finally { this.active = undefined }
  }

  async confirm (question: string, byDefault: boolean): Promise<boolean> {
    if ((await discardTypeAhead()).ctrlC) return byDefault
    const prompt = withoutExitHook(() => new (enquirer as any).Confirm({ name: 'ok', message: question, initial: byDefault }))
    this.active = prompt
    try { return Boolean(await prompt.run()) } catch { return byDefault } finally { this.active = undefined }
  }

  /** a signal arrived while a prompt waits: give up the prompt */
  abort (): void {
    this.aborted = true
    void this.active?.cancel()
  }

  output (chunk: string): void {
    this.write(chunk)
    this.atLineStart = chunk.endsWith('\n')
  }

  result (r: StepResult, timeoutSec: number, accept: number[] = [0]): void {
    const L = this.opts.lang
    const lines: string[] = []
    if (!this.atLineStart) lines.push('')
    const ms = r.durationMs < 1000 ? `${Math.round(r.durationMs)} ms` : `${(r.durationMs / 1000).toFixed(1)} s`
    if (r.timedOut) lines.push(this.mark('✗', t(L, 'result.timeout', { sec: timeoutSec }), 'red'))
    else if (r.interrupted) lines.push(this.mark('■', t(L, 'result.interrupted'), 'yellow'))
    if (r.exitCalled !== undefined) lines.push(this.mark('■', t(L, 'result.exit', { code: r.exitCalled }), 'yellow'))
    else if (!r.shellDied) {
      const ok = accept.includes(r.status)
      const key = r.status === 0 ? 'result.ok' : ok ? 'result.expected' : 'result.failed'
      lines.push(this.mark(ok ? '✓' : '✗', t(L, key, { status: r.status, ms }), ok ? 'green' : 'red'))
      if (r.pipestatus.length > 1) lines.push(`  ${t(L, 'result.pipestatus', { ps: r.pipestatus.join(' | ') })}`)
    }
    if (r.optionsUndone) lines.push(`  ${t(L, 'result.options', { opts: r.optionsUndone.trim() })}`)
    this.say(lines)
  }

  check (label: string, ok: boolean, r: StepResult): void {
    const L = this.opts.lang
    const text = t(L, ok ? 'check.ok' : 'check.failed', { label, status: r.status })
    this.say([this.mark('', text, ok ? 'green' : 'red'), ...(ok ? [] : r.output.trimEnd().split('\n').filter(Boolean).map(l => `    ${l}`))])
  }

  lines (lines: string[]): void { this.say(lines.map(l => `  ${l}`)) }

  info (message: string): void { this.say(wrap(message, width())) }

  async handOver<T> (fn: () => Promise<T>): Promise<T> {
    const ignore = (): void => {} // the child owns Ctrl-C while it runs
    process.on('SIGINT', ignore)
    try { return await fn() } finally { process.off('SIGINT', ignore) }
  }

  private mark (symbol: string, text: string, colour: 'green' | 'red' | 'yellow'): string {
    const line = symbol && !text.startsWith(symbol) ? `${symbol} ${text}` : text
    return this.opts.color ? kleur[colour](line) : line
  }

  private render (): { width: number, color: boolean, lang: Lang } {
    return { width: width(), color: this.opts.color, lang: this.opts.lang }
  }
}
