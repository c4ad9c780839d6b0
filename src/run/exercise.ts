// An exercise: the learner does a task in a shell and the lesson's check says whether it is done,
// with hints after a failed try and the model solution on request. Under --yes: the check must fail
// on the lab as it is, then the model solution runs, then the check must pass.
import type { ExerciseResult } from '../course/progress.js'
import { claimLabel } from '../lesson/claim.js'
import type { RunBlock, Step } from '../lesson/types.js'
import { blockResult, openShell, type StepContext } from './step.js'

export type ExerciseOutcome = { kind: 'done'; result: ExerciseResult; failedClaims: number } | { kind: 'back' } | { kind: 'quit' }

export async function runExercise(step: Step, canGoBack: boolean, o: StepContext): Promise<ExerciseOutcome> {
  const ex = step.exercise!
  const check = async (after: 'nothing' | 'try' | 'solution'): Promise<boolean> => {
    const r = await o.session.run(ex.check.code, { timeoutMs: step.timeoutSec * 1000 })
    const solved = r.status === 0 && !r.interrupted
    o.events.take({
      type: 'exercise-checked',
      step: step.id,
      label: claimLabel(ex.check.code),
      after,
      solved,
      output: solved ? '' : r.output,
    })
    return solved
  }
  const end = (result: ExerciseResult, failedClaims = 0): ExerciseOutcome => {
    o.events.take({ type: 'exercise-ended', step: step.id, result })
    return { kind: 'done', result, failedClaims }
  }

  if (!o.prompter) {
    // a check that passes before anything was done proves nothing: that is a failed claim
    const untouched = await check('nothing')
    if (o.signal.aborted) return { kind: 'quit' }
    await runSolution(step, ex.solution, o)
    if (o.signal.aborted) return { kind: 'quit' }
    const solved = await check('solution')
    return end(solved ? 'solved' : 'skipped', (untouched ? 1 : 0) + (solved ? 0 : 1))
  }

  let hints = 0
  const nextHint = (): void => {
    if (hints >= ex.hints.length) return
    hints++
    o.events.take({ type: 'hint', step: step.id, n: hints, total: ex.hints.length, text: ex.hints[hints - 1]! })
  }
  for (;;) {
    const action = await o.prompter.askExercise({ canGoBack, hintsLeft: hints < ex.hints.length }, o.signal)
    o.events.take({ type: 'exercise-answered', step: step.id, action })
    if (action === 'quit' || o.signal.aborted) return { kind: 'quit' }
    if (action === 'back') return { kind: 'back' }
    if (action === 'skip') return end('skipped')
    if (action === 'hint') nextHint()
    else if (action === 'solution') o.events.take({ type: 'solution-shown', step: step.id, code: ex.solution.code })
    // (running it shows it first)
    else if (action === 'run-solution') {
      await runSolution(step, ex.solution, o)
      if (await check('solution')) return end('solved')
    } else {
      if (action === 'try') await openShell(o)
      if (await check('try')) return end('solved')
      nextHint()
    }
  }
}

async function runSolution(step: Step, block: RunBlock, o: StepContext): Promise<void> {
  const base = { step: step.id, role: block.role, line: block.line, quiet: false, tty: false } as const
  o.events.take({ type: 'solution-shown', step: step.id, code: block.code })
  o.events.take({ type: 'block-started', ...base, code: block.code, readsTerminal: false })
  const r = await o.session.run(block.code, {
    timeoutMs: step.timeoutSec * 1000,
    onOutput: chunk => {
      o.events.take({ type: 'block-output', step: step.id, chunk })
    },
  })
  o.events.take({ type: 'block-ended', ...base, result: blockResult(r, [0], step.timeoutSec) })
}
