// The lesson loop: show a step, ask, run it in the lesson shell, show what changed, check claims.
import type { Lang } from '../core/context.js'
import type { Lesson, RunBlock, Step } from '../lesson/types.js'
import type { LedgerEntry } from '../lab/ledger.js'
import { t } from '../render/words/index.js'
import type { Session, StepResult } from '../shell/session.js'
import type { Action, Observer, Ui } from './ui.js'
import { pinnedRefusal, tryClaim } from './uuid-claim.js'

export interface StepperOptions {
  lesson: Lesson
  steps: Step[]
  session: Session
  ui: Ui
  observer?: Observer
  lang: Lang
  yes: boolean
  startAt: number
  uuid?: string
  /** set from outside (signals): stop at the next safe point */
  stop: { requested: boolean }
  onClaim: (entry: LedgerEntry) => void
  /** lines that may explain a failed step (e.g. a full disk), shown when the learner stays at its prompt */
  explainFailure?: () => string[]
  /** the lesson shell's $uuid as last read (kept here so a running step can be watched without asking the busy shell) */
  seenUuid?: string
  /** the uuid this run claimed (set by the stepper) */
  claimedUuid?: string
}

export type Outcome =
  | { status: 'done', failedClaims: number, failedSteps: string[] }
  | { status: 'failed', step: string, failedClaims: number }
  | { status: 'exited', step: string, code: number }
  | { status: 'quit' }
  | { status: 'shell-died', step: string, why: string }

const MAX_UUID_TRIES = 40
const TERMINAL_TIMEOUT_SEC = 30 * 60

export async function runSteps (o: StepperOptions): Promise<Outcome> {
  let failedClaims = 0
  const failedSteps = new Set<string>()
  const quietUntil = o.startAt
  if (quietUntil > 0) o.ui.info(t(o.lang, 'run.quiet', { n: quietUntil + 1 }))
  let i = 0
  while (i < o.steps.length) {
    if (o.stop.requested) return { status: 'quit' }
    const step = o.steps[i]!
    const quiet = i < quietUntil
    if (!quiet) {
      await o.ui.step(step, i + 1, o.steps.length)
      const action: Action = o.yes ? 'run' : await o.ui.ask(i > quietUntil)
      if (action === 'quit' || o.stop.requested) return { status: 'quit' }
      if (action === 'skip') { i++; continue }
      if (action === 'back') { i--; continue }
      if (action === 'reread') continue
      if (action === 'state' || action === 'shell') { await sideAction(action, o); continue }
    }
    const outcome = await runStep(step, quiet, o)
    if (outcome.kind === 'interrupted') {
      // with no prompt to return to (--yes, or a --from catch-up) Ctrl-C means quit
      if (o.yes || quiet || o.stop.requested) return { status: 'quit' }
      // bocker's line itself had run; only an experiment after it was stopped. Running the line
      // again would fail (`ip link del` of a veth that is gone), so go on to the next step.
      if (outcome.lineDone) { o.ui.info(t(o.lang, 'run.tryInterrupted')); i++ }
      continue // otherwise back to this step's prompt
    }
    if (outcome.kind === 'ended') {
      // At a terminal a failed step is not the end: the learner may look around (state, a shell),
      // run it again, skip it or quit. Under --yes (and in a --from catch-up) it ends the lesson.
      if (outcome.outcome.status !== 'failed' || o.yes || quiet || o.stop.requested) return outcome.outcome
      failedSteps.add(step.id)
      for (const line of o.explainFailure?.() ?? []) o.ui.info(line)
      o.ui.info(t(o.lang, 'run.failedStay'))
      continue
    }
    failedSteps.delete(step.id)
    if (!quiet) failedClaims += await runChecks(step, o)
    else o.ui.info(t(o.lang, 'run.quietStep', { id: step.id }))
    i++
  }
  return { status: 'done', failedClaims, failedSteps: [...failedSteps] }
}

type StepOutcome = { kind: 'ok' } | { kind: 'interrupted', lineDone: boolean } | { kind: 'ended', outcome: Outcome }

async function runStep (step: Step, quiet: boolean, o: StepperOptions): Promise<StepOutcome> {
  const uuid = await currentUuid(o)
  const before = !quiet && o.observer && step.probes.length > 0 ? await o.observer.snapshot(step.probes, uuid) : undefined
  for (const block of step.blocks) {
    // the uuid is settled right after bocker's line, so the experiments after it show the one in use
    const settlesUuid = block.role === 'step' && step.allocatesUuid
    for (let attempt = 1; ; attempt++) {
      const r = await runBlock(block, step, quiet, o)
      // a timeout is the step failing; at a prompt the learner may still retry or skip it
      if (r.timedOut && o.yes) return { kind: 'ended', outcome: { status: 'failed', step: step.id, failedClaims: 0 } }
      // bocker's line is done once it ran (a uuid step's once its uuid is claimed): then an
      // interrupted experiment moves on instead of running the line again
      if (r.interrupted) return { kind: 'interrupted', lineDone: block.role !== 'step' }
      if (r.shellDied) return { kind: 'ended', outcome: { status: 'shell-died', step: step.id, why: diedWhy(o.session) } }
      if (r.exitCalled !== undefined) return { kind: 'ended', outcome: { status: 'exited', step: step.id, code: r.exitCalled } }
      if (!(block.role === 'step' ? step.accept : [0]).includes(r.status)) return { kind: 'ended', outcome: { status: 'failed', step: step.id, failedClaims: 0 } }
      if (!settlesUuid || await settleUuid(o) === 'ok') break
      if (attempt >= MAX_UUID_TRIES) return { kind: 'ended', outcome: { status: 'failed', step: step.id, failedClaims: 0 } }
    }
  }
  if (before !== undefined && o.observer) {
    const lines = o.observer.describe(before, await o.observer.snapshot(step.probes, await currentUuid(o)))
    o.ui.lines(lines.length > 0 ? [t(o.lang, 'state.title'), ...lines] : [t(o.lang, 'state.none')])
  }
  return { kind: 'ok' }
}

async function runBlock (block: RunBlock, step: Step, quiet: boolean, o: StepperOptions): Promise<StepResult> {
  if (step.tty && !quiet) return await runTty(block, o)
  const watchIsolation = !quiet && step.probes.includes('proc') && o.observer
  let isolation: string[] = []
  const sampler = watchIsolation ? sampleIsolation(o, lines => { isolation = lines }) : undefined
  if (block.role === 'try' && !quiet) o.ui.info(`${t(o.lang, 'block.try')}: ${block.code.split('\n')[0]}${block.code.includes('\n') ? ' …' : ''}`)
  const terminalInput = block.role === 'step' && step.stdinTerminal && !o.yes && !quiet
  if (terminalInput) o.ui.info(t(o.lang, 'run.stdinTerminal'))
  // a learner typing into the container ends it (Ctrl-D, Ctrl-C): the lesson's timeout is for steps nobody watches
  const timeoutSec = terminalInput ? TERMINAL_TIMEOUT_SEC : step.timeoutSec
  const r = await o.session.run(block.code, { timeoutMs: timeoutSec * 1000, terminalInput, onOutput: quiet ? undefined : c => o.ui.output(c) })
  sampler?.stop()
  if (!quiet || r.status !== 0 || r.interrupted) {
    if (quiet) o.ui.output(r.output)
    o.ui.result(r, timeoutSec, block.role === 'step' ? step.accept : [0])
  }
  if (isolation.length > 0) o.ui.lines(isolation)
  return r
}

// The container usually lives only as long as the step: look at it while it runs. Once a look from
// inside its own namespaces came in (cgexec and unshare come first, in the host's), only such looks
// replace it, less often: the latest shows the settled container (its command, its own /proc).
function sampleIsolation (o: StepperOptions, keep: (lines: string[]) => void): { stop: () => void } {
  let stopped = false
  let isolated = false
  const tick = async (): Promise<void> => {
    const uuid = o.uuid ?? o.seenUuid
    if (stopped || !uuid) return
    const seen = await o.observer!.isolation(uuid).catch(() => ({ lines: [], isolated: false }))
    if (!stopped && seen.lines.length > 0 && (seen.isolated || !isolated)) keep(seen.lines)
    isolated ||= seen.isolated
    if (!stopped) setTimeout(() => { void tick() }, isolated ? 200 : 10)
  }
  void tick()
  return { stop: () => { stopped = true } }
}

async function currentUuid (o: StepperOptions): Promise<string | undefined> {
  if (o.session.busy || !o.session.alive) return o.seenUuid
  const r = await o.session.run('printf %s "${uuid-}"', { timeoutMs: 5000 })
  o.seenUuid = r.output || undefined
  return o.seenUuid
}

/**
 * One run, one container: the uuid step run again (after "back") keeps the uuid already claimed,
 * whose veth or subvolume may exist by now. Otherwise the --uuid pin, or the drawn uuid, is claimed.
 */
async function settleUuid (o: StepperOptions): Promise<'ok' | 'retry'> {
  const setUuid = async (uuid: string): Promise<void> => { await o.session.run(`uuid=${uuid}`, { timeoutMs: 5000 }) }
  if (o.claimedUuid) {
    await setUuid(o.claimedUuid)
    o.ui.info(t(o.lang, 'run.uuidKept', { uuid: o.claimedUuid }))
    return 'ok'
  }
  if (o.uuid) {
    await setUuid(o.uuid)
    o.ui.info(t(o.lang, 'run.uuidPinned', { uuid: o.uuid }))
  }
  const uuid = (await currentUuid(o)) ?? ''
  const claimed = tryClaim(uuid, o.lesson.name)
  if (claimed.ok) {
    o.claimedUuid = uuid
    o.onClaim(claimed.entry)
    o.ui.info(t(o.lang, 'run.uuid', { uuid, ip: claimed.entry.ip }))
    return 'ok'
  }
  if (o.uuid) throw new PinnedUuidError(pinnedRefusal(o.uuid, claimed))
  o.ui.info(t(o.lang, 'run.uuidRetry', { uuid, why: claimed.why }))
  return 'retry'
}

export class PinnedUuidError extends Error {}

async function runChecks (step: Step, o: StepperOptions): Promise<number> {
  let failed = 0
  for (const check of step.checks) {
    const r = await o.session.run(check.code, { timeoutMs: step.timeoutSec * 1000 })
    const label = /^#\s*(.*)/.exec(check.code.trim())?.[1]?.replace(/^(主張|claim)\s*[:：]\s*/i, '') ?? check.code.split('\n')[0]!
    // Ctrl-C during a check: the claim was not tested, so it did not fail; the rest are left too
    if (r.interrupted && !r.timedOut) { o.ui.info(t(o.lang, 'check.interrupted', { label })); break }
    o.ui.check(label, r.status === 0, r)
    if (r.status !== 0) failed++
  }
  return failed
}

async function runTty (block: RunBlock, o: StepperOptions): Promise<StepResult> {
  const { runInChildShell } = await import('../shell/child-shell.js')
  const state = await o.session.dumpState()
  return await o.ui.handOver(async () => await runInChildShell(state, block.code))
}

async function sideAction (action: 'state' | 'shell', o: StepperOptions): Promise<void> {
  if (action === 'state' && o.observer) {
    const snapshot = await o.observer.snapshot(['net', 'btrfs', 'cgroup', 'proc'], await currentUuid(o))
    o.ui.lines(o.observer.describe(undefined, snapshot))
    return
  }
  const { openChildShell } = await import('../shell/child-shell.js')
  const state = await o.session.dumpState()
  o.ui.info(t(o.lang, 'shell.hint'))
  await o.ui.handOver(async () => await openChildShell(state))
  o.ui.info(t(o.lang, 'shell.back'))
}

function diedWhy (session: Session): string {
  const info = session.exitInfo
  const how = info?.signal ? `signal ${info.signal}` : `exit status ${info?.code ?? '?'}`
  return [how, session.diagnostics].filter(Boolean).join(': ')
}
