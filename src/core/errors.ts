// Bad input from the learner: main says it in the learner's language, alone (no stack), exit 2.
import type { Vars, WordKey } from '../render/words/index.js'

/** The lesson shell could not start, or could not say its state: main says so, exit 1. */
export class ShellError extends Error {
  constructor(
    readonly key: 'shell.startFailed' | 'shell.stateFailed',
    readonly detail: string,
  ) {
    super(`${key}: ${detail}`)
  }
}

export class UsageError extends Error {
  constructor(
    readonly key: WordKey,
    readonly vars: Vars = {},
  ) {
    super(`${String(key)} ${JSON.stringify(vars)}`)
  }
}
