// How a signal reaches a lesson run: one AbortController, with Ctrl-C at a terminal during a step
// as the one exception (it stops that step only).
import { afterEach, describe, expect, it } from 'vitest'
import { listenForSignals, type RunSignals } from '../../src/run/signals.js'
import type { Session } from '../../src/shell/session.js'

const listening: RunSignals[] = []
afterEach(() => {
  for (const l of listening.splice(0)) l.dispose()
})

function listen(o: { interactive: boolean; busy: boolean; parent?: AbortSignal; childOwnsTerminal?: boolean }) {
  const interrupted: string[] = []
  const session = {
    busy: o.busy,
    interrupt: () => {
      interrupted.push('step')
    },
  } as unknown as Session
  const signals = listenForSignals({
    interactive: o.interactive,
    session: () => session,
    parent: o.parent,
    childOwnsTerminal: () => o.childOwnsTerminal === true,
  })
  listening.push(signals)
  return { quit: signals.quit.signal, interrupted, signals }
}

describe('listenForSignals', () => {
  it('Ctrl-C at a terminal while a step runs stops the step, not the run', () => {
    const { quit, interrupted } = listen({ interactive: true, busy: true })
    process.emit('SIGINT', 'SIGINT')
    expect(interrupted).toEqual(['step'])
    expect(quit.aborted).toBe(false)
  })

  it.each([
    ['Ctrl-C at a prompt', { interactive: true, busy: false }, 'SIGINT'],
    ['Ctrl-C under --yes', { interactive: false, busy: true }, 'SIGINT'],
    ['SIGTERM', { interactive: true, busy: true }, 'SIGTERM'],
    ['SIGHUP (the terminal closed)', { interactive: true, busy: false }, 'SIGHUP'],
  ] as const)('%s quits the run', (_what, o, signal) => {
    const { quit, interrupted } = listen(o)
    process.emit(signal, signal)
    expect(quit.aborted).toBe(true)
    expect(quit.reason).toBe(signal)
    expect(interrupted).toEqual([])
  })

  it('the reader of our output going away quits too; during the teardown every signal is taken and ignored', () => {
    const parent = new AbortController()
    const { quit, signals } = listen({ interactive: false, busy: true, parent: parent.signal })
    signals.tearingDown()
    process.emit('SIGINT', 'SIGINT')
    parent.abort('reader-gone')
    expect(quit.aborted).toBe(false)
    const again = listen({ interactive: false, busy: true, parent: AbortSignal.abort('reader-gone') })
    expect(again.quit.reason).toBe('reader-gone')
  })

  it('Ctrl-C while a tty step or a shell owns the terminal belongs to it; SIGTERM still quits', () => {
    const { quit, interrupted } = listen({ interactive: true, busy: false, childOwnsTerminal: true })
    process.emit('SIGINT', 'SIGINT')
    expect(quit.aborted).toBe(false)
    expect(interrupted).toEqual([])
    process.emit('SIGTERM', 'SIGTERM')
    expect(quit.reason).toBe('SIGTERM')
  })
})
