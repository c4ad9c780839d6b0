// How one block ended in the lesson shell.
export interface StepResult {
  status: number
  pipestatus: number[]
  /** the step ran `exit N` in the lesson shell */
  exitCalled?: number
  interrupted: boolean
  timedOut: boolean
  shellDied: boolean
  /** shell options the step changed and the session undid, e.g. " -o errexit" */
  optionsUndone: string
  durationMs: number
  output: string
}

export function deadResult(): StepResult {
  return { status: -1, pipestatus: [], interrupted: false, timedOut: false, shellDied: true, optionsUndone: '', durationMs: 0, output: '' }
}
