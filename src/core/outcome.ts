// How a command ended, and the one table that turns it into an exit code.
export type Outcome = 'done' | 'failed' | 'usage' | 'interrupted'

export const EXIT_CODE: Record<Outcome, number> = { done: 0, failed: 1, usage: 2, interrupted: 130 }
