// How a block ended, for unit tests: a plain success unless told otherwise.
import type { BlockResult } from '../../src/run/events.js'
import type { StepResult } from '../../src/shell/step-result.js'

export const stepResult = (over: Partial<StepResult> = {}): StepResult => ({
  status: 0,
  pipestatus: [0],
  interrupted: false,
  timedOut: false,
  shellDied: false,
  optionsUndone: '',
  durationMs: 1,
  output: '',
  ...over,
})

export const blockResult = (over: Partial<BlockResult> = {}): BlockResult => {
  const { output: _, ...result } = stepResult()
  return { ...result, accepted: true, timeoutSec: 30, ...over }
}
