// The lesson loop with fakes: a scripted shell, a scripted learner. What runs, in which order, and
// which outcome each kind of step result leads to. (The real shell: session.test.ts; real lessons: e2e.)
import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../src/lesson/parse.js'
import type { Observer } from '../../src/observe/observer.js'
import { Container } from '../../src/run/container.js'
import type { Renderer, RunEvent } from '../../src/run/events.js'
import { LastState } from '../../src/run/last-state.js'
import type { Action, Prompter } from '../../src/run/prompter.js'
import { runSteps, type StepperOptions } from '../../src/run/stepper.js'
import type { Session, StepResult } from '../../src/shell/session.js'
import { stepResult } from '../support/results.js'

const LESSON = parseLesson(
  `---
summary: s
args: x
---
# t

---

\`\`\`bash step id=one
echo one
\`\`\`

\`\`\`bash try
echo try-one
\`\`\`

\`\`\`bash check
# claim: one holds
check-one
\`\`\`

---

\`\`\`bash step id=two accept=0,1
echo two
\`\`\`

---

\`\`\`bash step id=three
echo three
\`\`\`

\`\`\`bash check
# claim: three holds
check-three
\`\`\`
`,
  'l.md',
  'l',
  'en',
)

const ok = stepResult

/** A lesson shell that answers each block by its first line; records what it was asked to run. */
class FakeSession {
  ran: string[] = []
  busy = false
  alive = true
  exitInfo?: { code: number | null; signal: string | null }
  diagnostics = ''
  constructor(private readonly answers: Record<string, Partial<StepResult>[]> = {}) {}
  async run(code: string): Promise<StepResult> {
    const key = code.split('\n').at(-1)!
    if (key.startsWith('printf %s')) return ok({ output: '' })
    this.ran.push(key)
    const r = ok(this.answers[key]?.shift())
    if (r.shellDied) {
      this.alive = false
      this.exitInfo = { code: null, signal: 'SIGKILL' }
    }
    return r
  }
  async dumpState(): Promise<string> {
    return ''
  }
}

/** A learner who answers from a script, and every event the run told. */
class FakeLearner implements Prompter, Renderer {
  events: RunEvent[] = []
  handedOver = false
  constructor(private readonly actions: Action[] = []) {}
  async ask(): Promise<Action> {
    return this.actions.shift() ?? 'quit'
  }
  async askExercise(): Promise<'skip'> {
    return 'skip'
  }
  async confirm(): Promise<boolean> {
    return true
  }
  async handOver<T>(fn: () => Promise<T>): Promise<T> {
    return await fn()
  }
  take(e: RunEvent): void {
    this.events.push(e)
  }
  async flush(): Promise<void> {}
  get shown(): string[] {
    return this.events.flatMap(e => (e.type === 'step-started' && !e.quiet ? [e.id] : []))
  }
  get checks(): string[] {
    return this.events.flatMap(e =>
      e.type === 'claim' && e.status !== 'interrupted' ? [`${e.status === 'held' ? 'ok' : 'FAILED'} ${e.label}`] : [],
    )
  }
  of<T extends RunEvent['type']>(type: T): Extract<RunEvent, { type: T }>[] {
    return this.events.filter(e => e.type === type) as Extract<RunEvent, { type: T }>[]
  }
}

const noObserver: Observer = {
  snapshot: async () => ({ takenAt: 0, probes: [], blind: [] }),
  diff: () => [],
  isolation: async () => ({ snapshot: { takenAt: 0, probes: [], blind: [] }, seen: false, isolated: false }),
}

function go(o: {
  answers?: Record<string, Partial<StepResult>[]>
  actions?: Action[]
  yes?: boolean
  startAt?: number
  stopAfter?: string
  explain?: string[]
  /** watch the state with the observer this makes (showChanges on) */
  observe?: (session: FakeSession) => Observer
}) {
  const session = new FakeSession(o.answers)
  const learner = new FakeLearner(o.actions)
  const quit = new AbortController()
  if (o.stopAfter) {
    const run = session.run.bind(session)
    session.run = async (code: string) => {
      const r = await run(code)
      if (code.endsWith(o.stopAfter!)) quit.abort('SIGTERM')
      return r
    }
  }
  const options: StepperOptions = {
    lesson: LESSON,
    steps: LESSON.steps,
    session: session as unknown as Session,
    events: learner,
    prompter: o.yes ? undefined : learner,
    observer: o.observe?.(session) ?? noObserver,
    showChanges: o.observe !== undefined,
    lastState: o.yes ? new LastState() : undefined,
    container: new Container(undefined),
    signal: quit.signal,
    startAt: o.startAt ?? 0,
    explainFailure: () => {
      for (const why of o.explain ?? []) learner.take({ type: 'failure-explained', reason: 'btrfs-full', path: why, freeMiB: 0 })
    },
  }
  return { session, ui: learner, outcome: runSteps(options) }
}

describe('runSteps', () => {
  it('--yes: every step, its try blocks and checks, in order; a failed claim is counted, not fatal', async () => {
    const { session, ui, outcome } = go({ yes: true, answers: { 'check-one': [{ status: 1 }] } })
    expect(await outcome).toEqual({ status: 'done', failedClaims: 1, failedSteps: [], exercises: {} })
    expect(session.ran).toEqual(['echo one', 'echo try-one', 'check-one', 'echo two', 'echo three', 'check-three'])
    expect(ui.checks).toEqual(['FAILED one holds', 'ok three holds'])
  })

  it('a status the step does not accept ends the lesson there', async () => {
    const { session, outcome } = go({ yes: true, answers: { 'echo one': [{ status: 2 }] } })
    expect(await outcome).toEqual({ status: 'failed', step: 'one' })
    expect(session.ran).toEqual(['echo one'])
  })

  it('accept=0,1 takes exit status 1 as success; a failing try block fails its step', async () => {
    expect(await go({ yes: true, answers: { 'echo two': [{ status: 1 }] } }).outcome).toEqual({
      status: 'done',
      failedClaims: 0,
      failedSteps: [],
      exercises: {},
    })
    expect(await go({ yes: true, answers: { 'echo try-one': [{ status: 1 }] } }).outcome).toMatchObject({ status: 'failed', step: 'one' })
  })

  it('at the prompt: run, back (shows the step before again), skip, quit', async () => {
    const { session, ui, outcome } = go({ actions: ['run', 'back', 'skip', 'run', 'quit'] })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(ui.shown).toEqual(['one', 'two', 'one', 'two', 'three'])
    expect(session.ran).toEqual(['echo one', 'echo try-one', 'check-one', 'echo two'])
  })

  it('re-read shows the same step again without running it', async () => {
    const { session, ui, outcome } = go({ actions: ['reread', 'quit'] })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(ui.shown).toEqual(['one', 'one'])
    expect(session.ran).toEqual([])
  })

  it("Ctrl-C during a step: back to that step's prompt at a terminal; quit under --yes", async () => {
    const interactive = go({ actions: ['run', 'run', 'quit'], answers: { 'echo one': [{ status: 130, interrupted: true }] } })
    expect(await interactive.outcome).toEqual({ status: 'quit' })
    expect(interactive.ui.shown).toEqual(['one', 'one', 'two'])
    expect(interactive.session.ran).toEqual(['echo one', 'echo one', 'echo try-one', 'check-one'])
    expect(await go({ yes: true, answers: { 'echo one': [{ status: 130, interrupted: true }] } }).outcome).toEqual({ status: 'quit' })
  })

  it("Ctrl-C in a try block: the step's line had run, so it goes on to the next step without running it again", async () => {
    const { session, ui, outcome } = go({ actions: ['run', 'quit'], answers: { 'echo try-one': [{ status: 130, interrupted: true }] } })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(ui.shown).toEqual(['one', 'two'])
    expect(session.ran).toEqual(['echo one', 'echo try-one'])
  })

  it('at a terminal a failed step stays at its prompt: run again, or skip it (then the lesson ends as failed)', async () => {
    const retried = go({ actions: ['run', 'run', 'run', 'run'], answers: { 'echo one': [{ status: 2 }] } })
    expect(await retried.outcome).toEqual({ status: 'done', failedClaims: 0, failedSteps: [], exercises: {} })
    expect(retried.ui.shown).toEqual(['one', 'one', 'two', 'three'])
    const skipped = go({ actions: ['run', 'skip', 'run', 'run'], answers: { 'echo one': [{ status: 2 }] }, explain: ['the disk is full'] })
    expect(await skipped.outcome).toEqual({ status: 'done', failedClaims: 0, failedSteps: ['one'], exercises: {} })
    expect(skipped.session.ran).toEqual(['echo one', 'echo two', 'echo three', 'check-three'])
    const told = skipped.ui.events.filter(e => e.type === 'failure-explained' || (e.type === 'step-ended' && e.status === 'failed'))
    expect(told).toEqual([
      { type: 'failure-explained', reason: 'btrfs-full', path: 'the disk is full', freeMiB: 0 },
      { type: 'step-ended', step: 'one', status: 'failed' },
    ])
  })

  it('Ctrl-C during a check: not a failed claim, the remaining checks are left out, the lesson goes on', async () => {
    const { ui, outcome } = go({ actions: ['run', 'run', 'run'], answers: { 'check-one': [{ status: 130, interrupted: true }] } })
    expect(await outcome).toEqual({ status: 'done', failedClaims: 0, failedSteps: [], exercises: {} })
    expect(ui.checks).toEqual(['ok three holds'])
    expect(
      ui
        .of('claim')
        .filter(c => c.status === 'interrupted')
        .map(c => c.label),
    ).toEqual(['one holds'])
  })

  it('a timeout fails the step under --yes', async () => {
    expect(await go({ yes: true, answers: { 'echo two': [{ status: 130, interrupted: true, timedOut: true }] } }).outcome).toEqual({
      status: 'failed',
      step: 'two',
    })
  })

  it('`exit N` in a step ends the lesson as bocker would; a dead shell is reported with why', async () => {
    expect(await go({ yes: true, answers: { 'echo two': [{ status: 1, exitCalled: 1 }] } }).outcome).toEqual({
      status: 'exited',
      step: 'two',
      code: 1,
    })
    expect(await go({ yes: true, answers: { 'echo one': [{ status: -1, shellDied: true }] } }).outcome).toEqual({
      status: 'shell-died',
      step: 'one',
      code: null,
      signal: 'SIGKILL',
      diagnostics: '',
    })
  })

  it('--from: earlier steps run quietly (no prompt, no checks), then it pauses', async () => {
    const { session, ui, outcome } = go({ startAt: 2, actions: ['quit'] })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(ui.shown).toEqual(['three'])
    expect(session.ran).toEqual(['echo one', 'echo try-one', 'echo two'])
  })

  it('Ctrl-C during the --from catch-up quits (there is no prompt to go back to)', async () => {
    const { session, ui, outcome } = go({ startAt: 2, actions: ['run'], answers: { 'echo two': [{ status: 130, interrupted: true }] } })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(ui.shown).toEqual([])
    expect(session.ran).toEqual(['echo one', 'echo try-one', 'echo two'])
  })

  it('a stop request (a signal) is honoured before the next step', async () => {
    const { session, outcome } = go({ yes: true, stopAfter: 'check-one' })
    expect(await outcome).toEqual({ status: 'quit' })
    expect(session.ran).toEqual(['echo one', 'echo try-one', 'check-one'])
  })
})

describe('the events of a step', () => {
  it('--yes: in order, with no words in them', async () => {
    const { ui, outcome } = go({ yes: true, answers: { 'check-one': [{ status: 1, output: 'why\n' }] } })
    await outcome
    const first = ui.events.slice(0, ui.events.findIndex(e => e.type === 'step-ended') + 1)
    expect(first.map(e => (e.type === 'block-started' || e.type === 'block-ended' ? `${e.type}:${e.role}` : e.type))).toEqual([
      'step-started',
      'block-started:step',
      'block-ended:step',
      'block-started:try',
      'block-ended:try',
      'claim',
      'step-ended',
    ])
    expect(ui.of('claim')[0]).toEqual({
      type: 'claim',
      step: 'one',
      line: 17,
      label: 'one holds',
      status: 'failed',
      exitStatus: 1,
      output: 'why\n',
    })
    expect(ui.of('block-ended')[0]!.result).toMatchObject({ status: 0, accepted: true, timeoutSec: 30 })
  })

  it('at a terminal every answer is told', async () => {
    const { ui, outcome } = go({ actions: ['reread', 'skip', 'quit'] })
    await outcome
    expect(ui.of('prompt-answered').map(e => `${e.step}:${e.action}`)).toEqual(['one:reread', 'one:skip', 'two:quit'])
  })
})

describe('reading the state', () => {
  /** counts its readings; the shell's calls are recorded next to them, so the order shows */
  function countingObserver(session: FakeSession): Observer & { reads: number } {
    const o = {
      reads: 0,
      snapshot: async () => {
        o.reads++
        session.ran.push('(state)')
        return { takenAt: o.reads, probes: [], blind: [] }
      },
      diff: () => [],
      isolation: noObserver.isolation,
    }
    return o
  }

  it('--yes: one reading serves a step\'s "after" and the next step\'s "before"; the claims are checked before it, told after the changes', async () => {
    let observer = countingObserver(new FakeSession())
    const run = go({ yes: true, observe: session => (observer = countingObserver(session)) })
    await run.outcome
    expect(observer.reads).toBe(4)
    expect(run.session.ran).toEqual([
      '(state)',
      'echo one',
      'echo try-one',
      'check-one',
      '(state)',
      'echo two',
      '(state)',
      'echo three',
      'check-three',
      '(state)',
    ])
    const told = run.ui.events.filter(e => e.type === 'state-changed' || e.type === 'claim').map(e => e.type)
    expect(told).toEqual(['state-changed', 'claim', 'state-changed', 'state-changed', 'claim'])
  })

  it('at a terminal every step reads before and after, and each claim is told as it is checked, after the changes', async () => {
    let observer = countingObserver(new FakeSession())
    const run = go({ actions: ['run', 'run', 'run'], observe: session => (observer = countingObserver(session)) })
    await run.outcome
    expect(observer.reads).toBe(6)
    expect(run.session.ran.slice(0, 5)).toEqual(['(state)', 'echo one', 'echo try-one', '(state)', 'check-one'])
  })
})
