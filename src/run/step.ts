// One step: its blocks in the lesson shell, the container's uuid claimed after bocker's line, the
// state before and after, and the step's claims checked. Everything it does is told as events.
import { claimLabel } from '../lesson/claim.js'
import type { Lesson, RunBlock, Step } from '../lesson/types.js'
import type { Observer } from '../observe/observer.js'
import type { Snapshot } from '../observe/probes/index.js'
import type { Session, StepResult } from '../shell/session.js'
import type { Container } from './container.js'
import type { BlockResult, Renderer, RunEvent, RunOutcome } from './events.js'
import { settleHolding } from './holding-claim.js'
import type { LastState } from './last-state.js'
import type { Prompter } from './prompter.js'
import { tryClaim } from './uuid-claim.js'

export interface StepContext {
  lesson: Lesson
  session: Session
  events: Renderer
  /** undefined under --yes: nothing is asked, nothing reads the terminal */
  prompter: Prompter | undefined
  observer: Observer
  /** show what each step changed (and what isolates a running container); off with --no-state */
  showChanges: boolean
  container: Container
  signal: AbortSignal
  /** under --yes: the state after the last step, which is the state before this one */
  lastState?: LastState
}

export type StepOutcome =
  | { kind: 'ok'; failedClaims: number }
  | { kind: 'interrupted'; lineDone: boolean }
  | { kind: 'ended'; outcome: RunOutcome }

const MAX_UUID_TRIES = 40
const TERMINAL_TIMEOUT_SEC = 30 * 60

export async function runStep(step: Step, quiet: boolean, o: StepContext): Promise<StepOutcome> {
  const watch = !quiet && o.showChanges && step.probes.length > 0
  const seen = o.lastState?.take(stateKey(step, o))
  const before = watch ? (seen ?? (await o.observer.snapshot(step.probes, o.container.uuid))) : undefined
  const failed: StepOutcome = { kind: 'ended', outcome: { status: 'failed', step: step.id } }
  for (const block of step.blocks) {
    // the uuid is settled right after bocker's line, so the experiments after it show the one in use
    const settlesUuid = block.role === 'step' && step.allocatesUuid
    for (let attempt = 1; ; attempt++) {
      const r = await runBlock(block, step, quiet, o)
      // a timeout is the step failing; at a prompt the learner may still retry or skip it
      if (r.timedOut && !o.prompter) return failed
      // bocker's line is done once it ran (a uuid step's once its uuid is claimed): then an
      // interrupted experiment moves on instead of running the line again
      if (r.interrupted) return { kind: 'interrupted', lineDone: block.role !== 'step' }
      if (r.shellDied) {
        const info = o.session.exitInfo
        return {
          kind: 'ended',
          outcome: {
            status: 'shell-died',
            step: step.id,
            code: info?.code ?? null,
            signal: info?.signal ?? null,
            diagnostics: o.session.diagnostics,
          },
        }
      }
      if (r.exitCalled !== undefined) return { kind: 'ended', outcome: { status: 'exited', step: step.id, code: r.exitCalled } }
      if (!accepts(block, step).includes(r.status)) return failed
      if (block.role === 'step' && step.holds) {
        const held = await settleHolding(step.holds, o)
        if (held === 'bad') return failed
        if (held === 'ok') break
        if (attempt >= MAX_UUID_TRIES) return failed
        continue
      }
      if (!settlesUuid) break
      const settled = await settleUuid(o)
      if (settled !== 'retry') {
        if (settled === 'ok') break
        return { kind: 'ended', outcome: settled }
      }
      if (attempt >= MAX_UUID_TRIES) return failed
    }
  }
  const changed = async (): Promise<void> => {
    if (before === undefined) return
    const after = await o.observer.snapshot(step.probes, o.container.uuid)
    o.events.take({ type: 'state-changed', step: step.id, changes: o.observer.diff(before, after), after })
    o.lastState?.keep(stateKey(step, o), after)
  }
  if (quiet) return { kind: 'ok', failedClaims: 0 }
  let claims: ClaimEvent[]
  if (o.lastState) {
    // the claims are checked before the state is read again, so that this reading serves the next
    // step too; they are told after the changes, in the order a learner reads them
    claims = await checkClaims(step, o.session)
    await changed()
    for (const e of claims) o.events.take(e)
  } else {
    await changed()
    claims = await checkClaims(step, o.session, e => {
      o.events.take(e)
    })
  }
  return { kind: 'ok', failedClaims: claims.filter(c => c.status === 'failed').length }
}

/** what a state reading was of: the step's probes, around which container */
const stateKey = (step: Step, o: StepContext): string => `${step.probes.join(',')} ${o.container.uuid ?? ''}`

const accepts = (block: RunBlock, step: Step): number[] => (block.role === 'step' ? step.accept : [0])

async function runBlock(block: RunBlock, step: Step, quiet: boolean, o: StepContext): Promise<StepResult> {
  const readsTerminal = block.role === 'step' && step.stdinTerminal && o.prompter !== undefined && !quiet
  // a tty step runs in a child bash that owns the terminal (a full-screen program, a shell)
  const tty = step.tty && !quiet
  o.events.take({ type: 'block-started', step: step.id, role: block.role, line: block.line, quiet, tty, code: block.code, readsTerminal })
  // a learner typing into the container ends it (Ctrl-D, Ctrl-C): the lesson's timeout is for steps nobody watches
  const timeoutSec = readsTerminal ? TERMINAL_TIMEOUT_SEC : step.timeoutSec
  const uuid = o.container.uuid
  const sampler = !quiet && !tty && step.probes.includes('proc') && o.showChanges && uuid ? sampleIsolation(o.observer, uuid) : undefined
  const r = tty
    ? await runTty(block, o.session, o.prompter)
    : await o.session.run(block.code, {
        timeoutMs: timeoutSec * 1000,
        terminalInput: readsTerminal,
        onOutput: chunk => {
          o.events.take({ type: 'block-output', step: step.id, chunk })
        },
      })
  const seen = sampler?.stop()
  o.events.take({
    type: 'block-ended',
    step: step.id,
    role: block.role,
    line: block.line,
    quiet,
    tty,
    result: blockResult(r, accepts(block, step), timeoutSec),
  })
  if (seen) o.events.take({ type: 'isolation', step: step.id, snapshot: seen })
  return r
}

export function blockResult(r: StepResult, accept: number[], timeoutSec: number): BlockResult {
  const { output: _, ...rest } = r
  return { ...rest, accepted: !r.shellDied && r.exitCalled === undefined && accept.includes(r.status), timeoutSec }
}

// The container usually lives only as long as the step: look at it while it runs. Once a look from
// inside its own namespaces came in, only such looks replace it, less often: the latest shows the
// settled container (its command, its own /proc).
function sampleIsolation(observer: Observer, uuid: string): { stop: () => Snapshot | undefined } {
  let stopped = false
  let isolated = false
  let kept: Snapshot | undefined
  const tick = async (): Promise<void> => {
    if (stopped) return
    const seen = await observer.isolation(uuid).catch(() => undefined)
    if (!stopped && seen?.seen && (seen.isolated || !isolated)) kept = seen.snapshot
    isolated ||= seen?.isolated === true
    if (!stopped)
      setTimeout(
        () => {
          void tick()
        },
        isolated ? 200 : 10,
      )
  }
  void tick()
  return {
    stop: () => {
      stopped = true
      return kept
    },
  }
}

/**
 * One run, one container: the uuid step run again (after "back") keeps the uuid already claimed,
 * whose veth or subvolume may exist by now. Otherwise the --uuid pin, or the drawn uuid, is claimed.
 */
async function settleUuid(o: StepContext): Promise<'ok' | 'retry' | RunOutcome> {
  const setUuid = async (uuid: string): Promise<void> => {
    await o.session.run(`uuid=${uuid}`, { timeoutMs: 5000 })
  }
  const kept = o.container.uuid
  if (kept) {
    await setUuid(kept)
    o.events.take({ type: 'uuid', kind: 'kept', uuid: kept })
    return 'ok'
  }
  if (o.container.pin) {
    await setUuid(o.container.pin)
    o.events.take({ type: 'uuid', kind: 'pinned', uuid: o.container.pin })
  }
  const uuid = o.container.pin ?? (await o.session.run('printf %s "${uuid-}"', { timeoutMs: 5000 })).output
  const claimed = tryClaim(uuid, o.lesson.name)
  if (claimed.ok) {
    o.container.entry = claimed.entry
    o.events.take({ type: 'uuid', kind: 'claimed', uuid, ip: claimed.entry.ip })
    return 'ok'
  }
  if (o.container.pin) return { status: 'pin-refused', uuid, problem: claimed.problem }
  o.events.take({ type: 'uuid', kind: 'retry', uuid, problem: claimed.problem })
  return 'retry'
}

type ClaimEvent = Extract<RunEvent, { type: 'claim' }>

/** Checks the step's claims (each told to `told` as it is checked). Ctrl-C stops the rest without failing any. */
async function checkClaims(step: Step, session: Session, told?: (claim: ClaimEvent) => void): Promise<ClaimEvent[]> {
  const claims: ClaimEvent[] = []
  for (const check of step.checks) {
    const r = await session.run(check.code, { timeoutMs: step.timeoutSec * 1000 })
    const label = claimLabel(check.code)
    const status = r.interrupted && !r.timedOut ? 'interrupted' : r.status === 0 ? 'held' : 'failed'
    const claim: ClaimEvent = {
      type: 'claim',
      step: step.id,
      line: check.line,
      label,
      status,
      exitStatus: r.status,
      output: status === 'failed' ? r.output : '',
    }
    claims.push(claim)
    told?.(claim)
    if (status === 'interrupted') break
  }
  return claims
}

async function runTty(block: RunBlock, session: Session, prompter: Prompter | undefined): Promise<StepResult> {
  const { runInChildShell } = await import('../shell/child-shell.js')
  const state = await session.dumpState()
  const run = async (): Promise<StepResult> => await runInChildShell(state, block.code)
  return prompter ? await prompter.handOver(run) : await run()
}

/** "open a shell here" (a step's prompt, an exercise's try): a child bash with the lesson shell's state */
export async function openShell(o: StepContext): Promise<void> {
  const { openChildShell } = await import('../shell/child-shell.js')
  const state = await o.session.dumpState()
  o.events.take({ type: 'shell-opened' })
  await o.events.flush()
  await o.prompter!.handOver(async () => await openChildShell(state))
  o.events.take({ type: 'shell-closed' })
}
