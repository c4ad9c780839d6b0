// The learner's answers at a terminal, asked with enquirer in the learner's language. A prompt
// waits for the terminal renderer to write everything before it, and gives up when the run quits.
import type { Lang } from '../../core/context.js'
import type { Action, ExerciseAction, Prompter, Question } from '../../run/prompter.js'
import { terminalWidth } from '../width.js'
import { type Phrase, t, type WordKey } from '../words/index.js'

/**
 * Keys pressed while a step ran (an impatient Enter, twice) wait in the terminal's buffer and would
 * answer the next prompt at once: the next step would run unasked. Read them away first. A Ctrl-C
 * among them (raw mode turns it into a byte) still counts: the caller treats it as Ctrl-C at the prompt.
 */
async function discardTypeAhead(): Promise<{ ctrlC: boolean }> {
  const input = process.stdin
  if (!input.isTTY) return { ctrlC: false }
  let ctrlC = false
  const drop = (data: Buffer): void => {
    ctrlC ||= data.includes(3)
  }
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
 * container's veth and netns behind. Take those hooks off again; the run's own signal handling
 * cancels the prompt (through the run's AbortSignal) and tears down. The 'exit' hook that shows the cursor stays.
 */
function withoutExitHook<T>(make: () => T): T {
  const signals = ['SIGINT', 'SIGTERM'] as const
  const before = signals.map(s => process.listeners(s))
  const prompt = make()
  signals.forEach((s, i) => {
    for (const l of process.listeners(s)) if (!before[i]!.includes(l)) process.off(s, l as (...args: unknown[]) => void)
  })
  return prompt
}

interface EnquirerPrompt {
  run: () => Promise<unknown>
  cancel: () => unknown
}
type Enquirer = { Select: new (o: object) => EnquirerPrompt; Confirm: new (o: object) => EnquirerPrompt }

// loaded when the first question comes, not at start-up (a run with --yes never asks)
let enquirer: Promise<Enquirer> | undefined
export const loadEnquirer = (): Promise<Enquirer> => (enquirer ??= import('enquirer').then(m => m.default as unknown as Enquirer))

const QUESTIONS: Record<Question['kind'], (q: Question) => Phrase> = {
  'keep-container': q => ({ key: 'run.keepAsk', vars: { uuid: (q as { uuid: string }).uuid } }),
  'clean-orphans': () => ({ key: 'run.orphansAsk' }),
  'run-outside-lesson': q => ({ key: 'run.outsideAsk', vars: { file: (q as { file: string }).file } }),
}

/**
 * enquirer shows a yes/no answer as `true`/`false` (and the default while it waits, next to its
 * own `(Y/n)`): the answer in words, once given
 */
export function yesNo(lang: Lang) {
  return function (this: { state: { submitted: boolean } }, value: boolean): string {
    return this.state.submitted ? t(lang, value ? 'ask.yes' : 'ask.no') : ''
  }
}

export class TerminalPrompter implements Prompter {
  constructor(
    private readonly lang: Lang,
    private readonly written: () => Promise<void>,
  ) {}

  async ask(canGoBack: boolean, signal?: AbortSignal): Promise<Action> {
    const actions: Action[] = ['run', 'skip', ...(canGoBack ? ['back' as const] : []), 'reread', 'more', 'state', 'shell', 'quit']
    return await this.select(actions, 'ask', signal)
  }

  async askExercise(o: { canGoBack: boolean; hintsLeft: boolean }, signal?: AbortSignal): Promise<ExerciseAction> {
    const actions: ExerciseAction[] = [
      'try',
      'check',
      ...(o.hintsLeft ? ['hint' as const] : []),
      'solution',
      'run-solution',
      'skip',
      ...(o.canGoBack ? ['back' as const] : []),
      'quit',
    ]
    return await this.select(actions, 'askExercise', signal)
  }

  private async select<A extends string>(actions: A[], words: 'ask' | 'askExercise', signal?: AbortSignal): Promise<A | 'quit'> {
    const answer = await this.prompt(
      E =>
        new E.Select({
          name: 'action',
          message: t(this.lang, `${words}.message`),
          choices: actions.map(a => ({ name: a, message: t(this.lang, `${words}.${a}` as WordKey) })),
          // the answer as the learner read it, not the action's name
          format(this: { state: { submitted: boolean; cancelled: boolean }; selected?: { message: string } }): string {
            return this.state.submitted && !this.state.cancelled ? (this.selected?.message ?? '') : ''
          },
          // enquirer lists as many choices as the terminal has rows; a terminal that reports 0 rows
          // (a bare pty, some serial consoles) would show none
          rows: Math.max(process.stdout.rows || 0, actions.length + 2),
          columns: terminalWidth(),
        }),
      signal,
    )
    // Ctrl-C or Esc at a prompt quits (with teardown)
    return answer.ok ? (answer.value as A) : 'quit'
  }

  async confirm(question: Question, byDefault: boolean, signal?: AbortSignal): Promise<boolean> {
    const q = QUESTIONS[question.kind](question)
    const answer = await this.prompt(
      E => new E.Confirm({ name: 'ok', message: t(this.lang, q.key, q.vars), initial: byDefault, format: yesNo(this.lang) }),
      signal,
    )
    return answer.ok ? Boolean(answer.value) : byDefault
  }

  handedOver = false

  async handOver<T>(fn: () => Promise<T>): Promise<T> {
    await this.written()
    // the child owns Ctrl-C while it runs: the run's own signal handling asks handedOver, and this
    // listener keeps node from its default exit where nothing else listens
    const ignore = (): void => {}
    process.on('SIGINT', ignore)
    this.handedOver = true
    try {
      return await fn()
    } finally {
      this.handedOver = false
      process.off('SIGINT', ignore)
    }
  }

  private async prompt(
    make: (E: Enquirer) => EnquirerPrompt,
    signal: AbortSignal | undefined,
  ): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const E = await loadEnquirer()
    await this.written()
    if ((await discardTypeAhead()).ctrlC || signal?.aborted) return { ok: false }
    const prompt = withoutExitHook(() => make(E))
    const cancel = (): void => {
      void prompt.cancel()
    }
    signal?.addEventListener('abort', cancel, { once: true })
    try {
      return { ok: true, value: await prompt.run() }
    } catch {
      return { ok: false }
    } finally {
      signal?.removeEventListener('abort', cancel)
    }
  }
}
