// What a lesson run tells its renderers: plain values, no language. The terminal turns them into
// text, --events FILE writes them as JSON lines (docs/events.md); new renderers consume the same.

import type { Lang } from '../core/context.js'
import type { ExerciseResult } from '../course/progress.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import type { ServiceProblem } from '../lab/registry/services.js'
import type { Removed } from '../lab/removed.js'
import type { Role } from '../lesson/types.js'
import type { Change } from '../observe/diff.js'
import type { Snapshot } from '../observe/probes/index.js'
import type { StepResult } from '../shell/step-result.js'
import type { Action, ExerciseAction, Question } from './prompter.js'
import type { UuidProblem } from './uuid-claim.js'

/** bumped when an event changes shape in a way a reader must know */
export const EVENTS_VERSION = 1

/** how a block ended (the shell's StepResult without its output, which came as block-output events) */
export type BlockResult = Omit<StepResult, 'output'> & {
  /** the status is one this block expects (a step's accept=, 0 otherwise) */
  accepted: boolean
  timeoutSec: number
}

export type RunOutcome =
  | { status: 'done'; failedClaims: number; failedSteps: string[]; exercises: Record<string, ExerciseResult> }
  | {
      status: 'failed'
      step: string
      /** the btrfs under /var/bocker is full: the likely cause */
      btrfsFull?: { path: string; freeMiB: number }
    }
  | { status: 'exited'; step: string; code: number }
  | { status: 'quit' }
  | { status: 'shell-died'; step: string; code: number | null; signal: string | null; diagnostics: string }
  | { status: 'prelude-failed'; line: number; output: string }
  | { status: 'pin-refused'; uuid: string; problem: UuidProblem }
  | { status: 'services-failed'; problem: ServiceProblem }

export type UuidEvent =
  | { type: 'uuid'; kind: 'claimed'; uuid: string; ip: string }
  | { type: 'uuid'; kind: 'pinned' | 'kept'; uuid: string }
  | { type: 'uuid'; kind: 'retry'; uuid: string; problem: UuidProblem }

export type RunEvent =
  | {
      type: 'run-started'
      version: number
      lesson: string
      lang: Lang
      file: string
      args: string[]
      cgroup: CgroupMode
      steps: { id: string; line: number; title: string }[]
      leftOut: string[]
      startAt: number
      interactive: boolean
    }
  | { type: 'orphans-found'; uuids: string[] }
  /** the lab services a lesson needs: started by this run, or already running for another one */
  | { type: 'services'; started: boolean; addresses: string[]; pids: number[] }
  | { type: 'intro' }
  | { type: 'catch-up'; until: number }
  | { type: 'step-started'; n: number; total: number; id: string; quiet: boolean }
  /** the learner asked for all of the step: folded text and the checks' code */
  | { type: 'step-details'; step: string }
  | { type: 'prompt-answered'; step: string; action: Action }
  | { type: 'confirm-answered'; question: Question; answer: boolean }
  | { type: 'block-started'; step: string; role: Role; line: number; quiet: boolean; tty: boolean; code: string; readsTerminal: boolean }
  | { type: 'block-output'; step: string; chunk: string }
  | { type: 'block-ended'; step: string; role: Role; line: number; quiet: boolean; tty: boolean; result: BlockResult }
  | { type: 'isolation'; step: string; snapshot: Snapshot }
  | { type: 'state-changed'; step: string; changes: Change[]; after: Snapshot }
  | { type: 'state-shown'; snapshot: Snapshot }
  | {
      type: 'claim'
      step: string
      line: number
      label: string
      status: 'held' | 'failed' | 'interrupted'
      exitStatus: number
      output: string
    }
  | { type: 'step-ended'; step: string; status: 'done' | 'failed' | 'interrupted' | 'line-done' | 'quiet-done' }
  | { type: 'failure-explained'; reason: 'btrfs-full'; path: string; freeMiB: number }
  | { type: 'exercise-answered'; step: string; action: ExerciseAction }
  /** a hint (n of total), after a failed try or on request */
  | { type: 'hint'; step: string; n: number; total: number; text: string }
  | { type: 'solution-shown'; step: string; code: string }
  /**
   * the exercise's check ran: on the lab as it was (under --yes it must not pass), after the learner's
   * try, or after the model solution
   */
  | { type: 'exercise-checked'; step: string; label: string; after: 'nothing' | 'try' | 'solution'; solved: boolean; output: string }
  | { type: 'exercise-ended'; step: string; result: ExerciseResult }
  | { type: 'shell-opened' }
  | { type: 'shell-closed' }
  | UuidEvent
  | { type: 'teardown-started' }
  | { type: 'removed'; item: Removed }
  | { type: 'kept'; uuid: string }
  | { type: 'run-ended'; outcome: RunOutcome }

/** A renderer: takes every event in order; flush() resolves once all it took is out. */
export interface Renderer {
  take: (event: RunEvent) => void
  flush: () => Promise<void>
}

/** Every renderer gets every event, in the order they happened. */
export class EventBus implements Renderer {
  constructor(private readonly renderers: Renderer[]) {}
  take(event: RunEvent): void {
    for (const r of this.renderers) r.take(event)
  }
  async flush(): Promise<void> {
    await Promise.all(this.renderers.map(async r => await r.flush()))
  }
}
