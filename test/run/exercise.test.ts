// An exercise with fakes: what runs in which order under --yes (the check must fail first, then the
// solution, then the check must pass) and at a terminal (hints after a failed try, the solution on request).
import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../src/lesson/parse.js'
import type { Observer } from '../../src/observe/observer.js'
import { Container } from '../../src/run/container.js'
import type { RunEvent } from '../../src/run/events.js'
import type { ExerciseAction } from '../../src/run/prompter.js'
import { runSteps } from '../../src/run/stepper.js'
import type { Session, StepResult } from '../../src/shell/session.js'
import { stepResult } from '../support/results.js'

const LESSON = parseLesson(
  `---
summary: s
---
# t

---

\`\`\`bash step id=one
echo one
\`\`\`

---

## Exercise

\`\`\`bash exercise id=make
# the file is there
check-file
\`\`\`

\`\`\`text hint
first hint
\`\`\`

\`\`\`text hint
second hint
\`\`\`

\`\`\`bash solution
make-file
\`\`\`
`,
  'l.md',
  'l',
  'en',
)

/** the check fails until make-file ran (or `done` is set by the learner's "shell") */
function world() {
  const state = { made: false, ran: [] as string[] }
  const session = {
    run: async (code: string): Promise<StepResult> => {
      const key = code.split('\n').at(-1)!
      state.ran.push(key)
      if (key === 'make-file') state.made = true
      return stepResult({
        status: key === 'check-file' && !state.made ? 1 : 0,
        output: key === 'check-file' && !state.made ? 'no file yet' : '',
      })
    },
    dumpState: async () => '',
  }
  return { state, session: session as unknown as Session }
}

const noObserver: Observer = {
  snapshot: async () => ({ takenAt: 0, probes: [], blind: [] }),
  diff: () => [],
  isolation: async () => ({ snapshot: { takenAt: 0, probes: [], blind: [] }, seen: false, isolated: false }),
}

async function go(session: Session, actions?: ExerciseAction[], onShell?: () => void) {
  const events: RunEvent[] = []
  const prompter = actions && {
    ask: async () => 'run' as const,
    askExercise: async () => actions.shift() ?? 'quit',
    confirm: async () => true,
    // the learner's shell: what they do there is onShell (no real bash is opened)
    handOver: async <T>(_fn: () => Promise<T>) => {
      onShell?.()
      return undefined as T
    },
    handedOver: false,
  }
  const outcome = await runSteps({
    lesson: LESSON,
    steps: LESSON.steps,
    startAt: 0,
    session,
    events: { take: e => void events.push(e), flush: async () => {} },
    prompter,
    observer: noObserver,
    showChanges: false,
    container: new Container(undefined),
    signal: new AbortController().signal,
  })
  return { outcome, events }
}

describe('exercise under --yes', () => {
  it('checks on the lab as it is, runs the solution, checks again', async () => {
    const w = world()
    const { outcome, events } = await go(w.session)
    expect(w.state.ran).toEqual(['echo one', 'check-file', 'make-file', 'check-file'])
    expect(outcome).toMatchObject({ status: 'done', failedClaims: 0, exercises: { make: 'solved' } })
    expect(events.filter(e => e.type === 'exercise-checked').map(e => [e.after, e.solved])).toEqual([
      ['nothing', false],
      ['solution', true],
    ])
  })

  it('a check that passes before anything was done is a failed claim', async () => {
    const w = world()
    w.state.made = true
    const { outcome } = await go(w.session)
    expect(outcome).toMatchObject({ status: 'done', failedClaims: 1 })
  })

  it('a solution that does not satisfy the check is a failed claim', async () => {
    const w = world()
    const run = w.session.run.bind(w.session) as (code: string) => Promise<StepResult>
    ;(w.session as { run: unknown }).run = async (code: string) => (code === 'make-file' ? stepResult({ status: 0 }) : await run(code))
    const { outcome } = await go(w.session)
    expect(outcome).toMatchObject({ status: 'done', failedClaims: 1, exercises: { make: 'skipped' } })
  })
})

describe('exercise at a terminal', () => {
  it('a failed check shows its output and the next hint; hints run out', async () => {
    const w = world()
    const { events, outcome } = await go(w.session, ['check', 'check', 'check', 'skip'])
    expect(events.filter(e => e.type === 'hint').map(e => e.type === 'hint' && e.text)).toEqual(['first hint', 'second hint'])
    const failed = events.filter(e => e.type === 'exercise-checked')
    expect(failed).toHaveLength(3)
    expect(failed[0]).toMatchObject({ solved: false, output: 'no file yet', label: 'the file is there' })
    expect(outcome).toMatchObject({ exercises: { make: 'skipped' }, failedClaims: 0 })
  })

  it('what the learner does in the shell is checked when the shell ends', async () => {
    const w = world()
    const { outcome, events } = await go(w.session, ['try'], () => {
      w.state.made = true
    })
    expect(events.map(e => e.type)).toContain('shell-opened')
    expect(outcome).toMatchObject({ exercises: { make: 'solved' } })
  })

  it('the solution is shown on request and can be run', async () => {
    const w = world()
    const { outcome, events } = await go(w.session, ['solution', 'run-solution'])
    expect(events.filter(e => e.type === 'solution-shown')).toHaveLength(2)
    expect(w.state.ran).toEqual(['echo one', 'make-file', 'check-file'])
    expect(outcome).toMatchObject({ exercises: { make: 'solved' } })
  })

  it('quit at the exercise quits the run', async () => {
    const w = world()
    const { outcome } = await go(w.session, ['quit'])
    expect(outcome).toEqual({ status: 'quit' })
  })
})
