// One lesson run, start to end: orphans from earlier runs, the shell, signals, steps, teardown, exit code.
import kleur from 'kleur'
import type { Context } from '../core/context.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import { cleanupContainer } from '../lab/cleanup.js'
import { removeStaleSessionDirs } from '../lab/reset.js'
import { BTRFS_PATH } from '../lab/paths.js'
import { freeMiB, MIN_FREE_MIB } from '../lab/space.js'
import type { LessonRef } from '../lesson/catalog.js'
import type { Lesson } from '../lesson/types.js'
import { orphans, release, type LedgerEntry } from '../lab/ledger.js'
import { makeObserver } from '../observe/observer.js'
import type { Plan } from '../plan/plan.js'
import { t } from '../render/words/index.js'
import { TerminalUi } from '../render/terminal-ui.js'
import { Session } from '../shell/session.js'
import { PinnedUuidError, runSteps, type Outcome } from './stepper.js'
import { teardown } from './teardown.js'

const QUIT_WATCHDOG_MS = 6000

export interface LessonRun {
  lesson: Lesson
  ref: LessonRef
  args: string[]
  plan: Plan
  startAt: number
  mode: CgroupMode
  ctx: Context
  yes: boolean
  keep: boolean
  uuid?: string
  showState: boolean
}

export async function runLesson (r: LessonRun): Promise<number> {
  const { ctx, lesson } = r
  const color = kleur.enabled && process.stdout.isTTY === true
  const ui = new TerminalUi({ lang: ctx.lang, color })
  if (r.ref.outside && !r.yes && !(await ui.confirm(`${r.ref.file}: run its commands as root?`, false))) return 130
  await reclaimOrphans(ui, r)
  ui.info(t(ctx.lang, 'run.cgroup', { mode: r.mode }))
  if (r.plan.leftOut.length > 0) ui.info(t(ctx.lang, 'skip.when', { mode: r.mode, n: r.plan.leftOut.length, ids: r.plan.leftOut.map(s => s.id).join(', ') }))

  const stop = { requested: false }
  let session: Session | undefined
  let entry: LedgerEntry | undefined
  let tearingDown = false
  const onSignal = (signal: NodeJS.Signals): void => {
    // a second Ctrl-C must not cut the teardown short: it runs to the end under its own timeouts
    if (tearingDown) return
    // interactive: Ctrl-C stops the running step and returns to the prompt. With --yes there is no
    // prompt to return to: any signal quits (with teardown), whatever the shell is busy with
    // (a step, a try or check block, or reading back $uuid between them).
    if (signal === 'SIGINT' && session?.busy && !r.yes) { session.interrupt(); return }
    stop.requested = true
    session?.interrupt()
    ui.abort()
    // If the shell never answers the interrupt (a SIGINT landing while bash runs the session's own
    // end-of-step line loses the sentinel), end it: the stepper sees it die and teardown runs.
    const s = session
    if (s?.busy) setTimeout(() => { if (s.busy && s.alive) { try { process.kill(-s.pid, 'SIGKILL') } catch { /* gone */ } } }, QUIT_WATCHDOG_MS).unref()
  }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  for (const s of signals) process.on(s, onSignal)
  let outcome: Outcome = { status: 'quit' }
  let hungUp = false
  process.once('SIGHUP', () => { hungUp = true })
  try {
    session = await Session.start(r.args, { terminal: !r.yes && process.stdin.isTTY === true })
    for (const block of lesson.prelude) {
      const p = await session.run(block.code, { timeoutMs: lesson.timeoutSec * 1000 })
      if (p.status !== 0) { ctx.err(`${lesson.file}:${block.line}: the prelude failed: ${p.output.trim()}`); outcome = { status: 'failed', step: 'prelude', failedClaims: 0 }; break }
    }
    if (outcome.status === 'quit' && !stop.requested) {
      if (r.startAt === 0) await ui.intro(lesson)
      outcome = await runSteps({
        lesson, steps: r.plan.steps, session, ui, lang: ctx.lang, yes: r.yes, startAt: r.startAt, uuid: r.uuid, stop,
        observer: r.showState ? makeObserver(ctx.lang) : undefined,
        onClaim: e => { entry = e },
        explainFailure: () => explainFailure(ctx.lang)
      })
    }
  } catch (e) {
    if (!(e instanceof PinnedUuidError)) throw e
    ctx.err(e.message)
    outcome = { status: 'failed', step: 'uuid', failedClaims: 0 }
  } finally {
    tearingDown = true
    await teardown({ lesson, args: r.args, session, entry, ui, lang: ctx.lang, keep: r.keep, removeWithoutAsking: r.yes || stop.requested || hungUp })
    await session?.close()
    for (const s of signals) process.off(s, onSignal)
  }
  // a signal that arrived after the last step (during its checks), or whose step the watchdog had
  // to end, still means "quit"
  if (stop.requested && (outcome.status === 'done' || outcome.status === 'shell-died')) outcome = { status: 'quit' }
  return report(outcome, ui, ctx)
}

/** What the machine says about a failed step: a full btrfs makes every later write fail. */
function explainFailure (lang: Context['lang']): string[] {
  const free = freeMiB()
  return free !== undefined && free < MIN_FREE_MIB ? [t(lang, 'run.btrfsFull', { path: BTRFS_PATH, free })] : []
}

function report (outcome: Outcome, ui: TerminalUi, ctx: Context): number {
  const L = ctx.lang
  switch (outcome.status) {
    case 'done':
      if (outcome.failedSteps.length > 0) ctx.err(t(L, 'run.stepsFailed', { ids: outcome.failedSteps.join(', ') }))
      if (outcome.failedClaims > 0) ctx.err(t(L, 'run.claimsFailed', { n: outcome.failedClaims }))
      if (outcome.failedSteps.length > 0 || outcome.failedClaims > 0) return 1
      ui.info(t(L, 'run.done'))
      return 0
    case 'failed':
      ctx.err(t(L, 'run.failed', { id: outcome.step }))
      for (const line of explainFailure(L)) ctx.err(line)
      return 1
    case 'exited':
      return outcome.code === 0 ? 0 : 1
    case 'shell-died':
      ctx.err(t(L, 'result.died', { why: outcome.why }))
      return 1
    case 'quit':
      ui.info(t(L, 'run.quit'))
      return 130
  }
}

async function reclaimOrphans (ui: TerminalUi, r: LessonRun): Promise<void> {
  await removeStaleSessionDirs()
  const left = orphans()
  if (left.length === 0) return
  ui.info(t(r.ctx.lang, 'run.orphans', { uuids: left.map(e => e.uuid).join(', ') }))
  if (!r.yes && !(await ui.confirm(t(r.ctx.lang, 'run.orphansAsk'), true))) return
  for (const e of left) {
    for (const what of await cleanupContainer(e.uuid, { keepContainer: false })) ui.info(t(r.ctx.lang, 'run.removed', { what }))
    release(e)
  }
}
