// The lesson loop: show a step, ask, run it, check its claims; back, skip, re-read, state, shell, quit.
import type { ExerciseResult } from '../course/progress.js'
import type { Step } from '../lesson/types.js'
import type { RunOutcome } from './events.js'
import type { Action } from './prompter.js'
import { openShell, runStep, type StepContext } from './step.js'

export interface StepperOptions extends StepContext {
  steps: Step[]
  /** the steps before this index run quietly first (--from) */
  startAt: number
  /** what the machine says about a failed step (a full btrfs), told when the learner stays at its prompt */
  explainFailure?: () => void
}

export async function runSteps(o: StepperOptions): Promise<RunOutcome> {
  let failedClaims = 0
  const failedSteps = new Set<string>()
  const exercises: Record<string, ExerciseResult> = {}
  if (o.startAt > 0) o.events.take({ type: 'catch-up', until: o.startAt })
  let i = 0
  while (i < o.steps.length) {
    if (o.signal.aborted) return { status: 'quit' }
    const step = o.steps[i]!
    const quiet = i < o.startAt
    o.events.take({ type: 'step-started', n: i + 1, total: o.steps.length, id: step.id, quiet })
    if (step.exercise) {
      // a --from catch-up passes exercises by: they are the learner's to do
      if (quiet) {
        i++
        continue
      }
      const { runExercise } = await import('./exercise.js')
      const done = await runExercise(step, i > o.startAt, o)
      if (done.kind === 'quit') return { status: 'quit' }
      if (done.kind === 'back') {
        i--
        continue
      }
      exercises[step.id] = done.result
      failedClaims += done.failedClaims
      o.events.take({ type: 'step-ended', step: step.id, status: 'done' })
      i++
      continue
    }
    if (!quiet && o.prompter) {
      const action: Action = await o.prompter.ask(i > o.startAt, o.signal)
      o.events.take({ type: 'prompt-answered', step: step.id, action })
      if (action === 'quit' || o.signal.aborted) return { status: 'quit' }
      if (action === 'skip') {
        i++
        continue
      }
      if (action === 'back') {
        i--
        continue
      }
      if (action === 'reread') continue
      if (action === 'more') {
        o.events.take({ type: 'step-details', step: step.id })
        continue
      }
      if (action === 'state' || action === 'shell') {
        await sideAction(action, o)
        continue
      }
    }
    const outcome = await runStep(step, quiet, o)
    if (outcome.kind === 'interrupted') {
      // with no prompt to return to (--yes, or a --from catch-up) Ctrl-C means quit
      if (!o.prompter || quiet || o.signal.aborted) return { status: 'quit' }
      // bocker's line itself had run; only an experiment after it was stopped. Running the line
      // again would fail (`ip link del` of a veth that is gone), so go on to the next step.
      o.events.take({ type: 'step-ended', step: step.id, status: outcome.lineDone ? 'line-done' : 'interrupted' })
      if (outcome.lineDone) i++
      continue // otherwise back to this step's prompt
    }
    if (outcome.kind === 'ended') {
      // At a terminal a failed step is not the end: the learner may look around (state, a shell),
      // run it again, skip it or quit. Under --yes (and in a --from catch-up) it ends the lesson.
      if (outcome.outcome.status !== 'failed' || !o.prompter || quiet || o.signal.aborted) return outcome.outcome
      failedSteps.add(step.id)
      o.explainFailure?.()
      o.events.take({ type: 'step-ended', step: step.id, status: 'failed' })
      continue
    }
    failedSteps.delete(step.id)
    failedClaims += outcome.failedClaims
    o.events.take({ type: 'step-ended', step: step.id, status: quiet ? 'quiet-done' : 'done' })
    i++
  }
  return { status: 'done', failedClaims, failedSteps: [...failedSteps], exercises }
}

async function sideAction(action: 'state' | 'shell', o: StepperOptions): Promise<void> {
  if (action === 'state') {
    o.events.take({ type: 'state-shown', snapshot: await o.observer.snapshot(['net', 'btrfs', 'cgroup', 'proc'], o.container.uuid) })
    return
  }
  await openShell(o)
}
