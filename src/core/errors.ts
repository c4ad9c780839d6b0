// Bad input from the learner: main says it in the learner's language, alone (no stack), exit 2.
import type { Vars, WordKey } from '../render/words/index.js'

export class UsageError extends Error {
  constructor(
    readonly key: WordKey,
    readonly vars: Vars = {},
  ) {
    super(`${String(key)} ${JSON.stringify(vars)}`)
  }
}
