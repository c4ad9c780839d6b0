// Who handles Ctrl-C and SIGTERM right now. A lesson run (its teardown) and a server holding the
// process after its run each own them while they listen; with no owner, the CLI ends as a quit run
// does (130/143). Listener counts cannot tell: execa's signal-exit listens too, and re-sends the
// signal to kill the process when it thinks it is alone.
let owners = 0

/** the caller handles signals from now on; call the returned function when it stops */
export function ownSignals(): () => void {
  owners++
  let released = false
  return () => {
    if (!released) owners--
    released = true
  }
}

export const signalsOwned = (): boolean => owners > 0
