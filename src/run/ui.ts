// What the stepper needs from a user interface; render/terminal-ui.ts is the real one.
import type { Lesson, ProbeName, Step } from '../lesson/types.js'
import type { StepResult } from '../shell/session.js'

export type Action = 'run' | 'skip' | 'back' | 'reread' | 'state' | 'shell' | 'quit'

export interface Ui {
  intro: (lesson: Lesson) => Promise<void>
  step: (step: Step, n: number, total: number) => Promise<void>
  ask: (canGoBack: boolean) => Promise<Action>
  confirm: (question: string, byDefault: boolean) => Promise<boolean>
  output: (chunk: string) => void
  result: (result: StepResult, timeoutSec: number, accept: number[]) => void
  check: (label: string, ok: boolean, result: StepResult) => void
  lines: (lines: string[]) => void
  info: (message: string) => void
  /** run something that owns the terminal (a tty step, a shell), with our own input paused */
  handOver: <T>(fn: () => Promise<T>) => Promise<T>
}

/** Reads system state and says what changed; src/observe.ts is the real one. */
export interface Observer {
  snapshot: (probes: ProbeName[], uuid: string | undefined) => Promise<unknown>
  describe: (before: unknown, after: unknown) => string[]
  /** while a container runs: what isolates it (no lines when nothing runs; isolated once it is inside its own namespaces) */
  isolation: (uuid: string) => Promise<{ lines: string[], isolated: boolean }>
}
