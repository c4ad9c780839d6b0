// How signals reach a lesson run. Ctrl-C at a terminal while a step runs stops that step only (the
// learner gets its prompt back); any other signal, Ctrl-C with no prompt to go back to, or the reader
// of our output going away, quits the run: one AbortController, whose signal the shell and the
// prompts listen to.
import { ownSignals } from '../core/signal-owners.js'
import type { Session } from '../shell/session.js'

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export interface RunSignals {
  quit: AbortController
  /** from now on signals are taken and ignored: a second Ctrl-C must not cut the teardown short */
  tearingDown: () => void
  dispose: () => void
}

export function listenForSignals(o: {
  interactive: boolean
  session: () => Session | undefined
  /** a tty step or a shell owns the terminal: its Ctrl-C is its own */
  childOwnsTerminal?: () => boolean
  parent?: AbortSignal
}): RunSignals {
  const quit = new AbortController()
  let tearingDown = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (tearingDown || (signal === 'SIGINT' && o.childOwnsTerminal?.())) return
    if (signal === 'SIGINT' && o.interactive && o.session()?.busy) {
      o.session()!.interrupt()
      return
    }
    quit.abort(signal)
  }
  for (const s of SIGNALS) process.on(s, onSignal)
  const release = ownSignals()
  const onParent = (): void => {
    if (!tearingDown) quit.abort(o.parent?.reason)
  }
  if (o.parent?.aborted) onParent()
  o.parent?.addEventListener('abort', onParent, { once: true })
  return {
    quit,
    tearingDown: () => {
      tearingDown = true
    },
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal)
      release()
      o.parent?.removeEventListener('abort', onParent)
    },
  }
}
