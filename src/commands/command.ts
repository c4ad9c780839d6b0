// What every `bocker-learn <command>` module exports; main.ts dispatches to these.
import type { Context } from '../core/context.js'
import type { Outcome } from '../core/outcome.js'

export interface Command {
  usage: string
  run: (argv: string[], ctx: Context) => Promise<Outcome>
}
