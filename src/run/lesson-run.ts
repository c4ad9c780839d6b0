// One lesson run, start to end: orphans of earlier runs, the shell, signals, steps, teardown, outcome.
import type { Outcome } from '../core/outcome.js'
import { writeBockerScript } from '../course/bocker-script.js'
import type { ExerciseResult } from '../course/progress.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import { cleanupContainer } from '../lab/cleanup.js'
import { deadHoldings, removeHoldings } from '../lab/holdings.js'
import { orphans, release } from '../lab/ledger.js'
import { BTRFS_PATH } from '../lab/paths.js'
import { killProcessesOfDeadRuns } from '../lab/processes.js'
import { leaveServices, SERVICE_ADDRESSES, stopOrphanServices, stoppedService, useServices } from '../lab/registry/services.js'
import { removeStaleSessionDirs } from '../lab/reset.js'
import { freeMiB, MIN_FREE_MIB } from '../lab/space.js'
import type { LessonRef } from '../lesson/catalog.js'
import type { Lesson, Need, Step } from '../lesson/types.js'
import { makeObserver } from '../observe/observer.js'
import type { Plan } from '../plan/plan.js'
import { Session } from '../shell/session.js'
import { Container } from './container.js'
import { EVENTS_VERSION, type Renderer, type RunOutcome } from './events.js'
import { LastState } from './last-state.js'
import type { Prompter } from './prompter.js'
import { listenForSignals } from './signals.js'
import { runSteps } from './stepper.js'
import { teardown } from './teardown.js'

export interface LessonRun {
  lesson: Lesson
  ref: LessonRef
  args: string[]
  plan: Plan
  startAt: number
  mode: CgroupMode
  lang: 'ja' | 'en'
  /** every event goes here (the terminal, and --events FILE) */
  events: Renderer
  /** undefined under --yes */
  prompter: Prompter | undefined
  keep: boolean
  /** the course goes on with the container the run makes: kept without a question */
  keepMade?: boolean
  /** the course's container and image, for a lesson that needs them ($course_container, $course_image) */
  things?: Partial<Record<Need, string>>
  pin: string | undefined
  showChanges: boolean
  /** aborted when the reader of our output is gone */
  parentSignal?: AbortSignal
  /** every step ran with every claim holding: the course's progress */
  onFinished?: (exercises: Record<string, ExerciseResult>) => void
}

export async function runLesson(r: LessonRun): Promise<Outcome> {
  const { lesson, events, prompter } = r
  // before the run starts: a lesson from elsewhere needs a yes, and leftovers of interrupted runs go
  if (r.ref.outside && prompter && !(await confirm(r, { kind: 'run-outside-lesson', file: r.ref.file }, false))) return 'interrupted'
  await reclaimOrphans(r)
  events.take({
    type: 'run-started',
    version: EVENTS_VERSION,
    lesson: lesson.name,
    lang: r.lang,
    file: lesson.file,
    args: r.args,
    cgroup: r.mode,
    steps: r.plan.steps.map(s => ({ id: s.id, line: s.line, title: stepTitle(s) })),
    leftOut: r.plan.leftOut.map(s => s.id),
    startAt: r.startAt,
    interactive: prompter !== undefined,
  })

  // the registry of a pull lesson: started (or joined) before anything runs, left after the teardown
  if (lesson.services.length > 0) {
    const used = await useServices()
    if (!used.ok) return await ended(events, { status: 'services-failed', problem: used.problem })
    events.take({ type: 'services', started: used.started, addresses: SERVICE_ADDRESSES, pids: used.procs.map(p => p.pid) })
  }
  const container = new Container(r.pin)
  let session: Session | undefined
  const signals = listenForSignals({
    interactive: prompter !== undefined,
    session: () => session,
    childOwnsTerminal: () => prompter?.handedOver === true,
    parent: r.parentSignal,
  })
  const signal = signals.quit.signal
  let outcome: RunOutcome = { status: 'quit' }
  try {
    session = await Session.start(r.args, { terminal: prompter !== undefined && process.stdin.isTTY === true, signal })
    await session.run(courseSetup(await writeBockerScript(r.mode), r.things ?? {}), { timeoutMs: 5000 })
    outcome = (await prelude(lesson, session)) ?? outcome
    if (outcome.status === 'quit' && !signal.aborted) {
      if (r.startAt === 0) events.take({ type: 'intro' })
      outcome = await runSteps({
        lesson,
        steps: r.plan.steps,
        startAt: r.startAt,
        session,
        events,
        prompter,
        container,
        signal,
        observer: makeObserver(),
        lastState: prompter ? undefined : new LastState(),
        showChanges: r.showChanges,
        explainFailure: () => {
          explainFailure(events)
        },
      })
    }
  } finally {
    signals.tearingDown()
    await teardown({
      lesson,
      args: r.args,
      session,
      container,
      events,
      keep: r.keep,
      prompter: signal.aborted ? undefined : prompter,
      finished: outcome.status === 'done',
      keepMade: r.keepMade,
    })
    await session?.close()
    if (lesson.services.length > 0) for (const p of await leaveServices()) events.take({ type: 'removed', item: stoppedService(p) })
    signals.dispose()
  }
  // a signal that arrived after the last step (during its checks), or whose step the watchdog had
  // to end, still means "quit"
  if (signal.aborted && (outcome.status === 'done' || outcome.status === 'shell-died')) outcome = { status: 'quit' }
  if (outcome.status === 'failed') outcome = { ...outcome, btrfsFull: btrfsFull() }
  if (outcome.status === 'done' && outcomeOf(outcome) === 'done') r.onFinished?.(outcome.exercises)
  return await ended(events, outcome)
}

/** the lab's `bocker` on the PATH (the exercise shells inherit it), and what the course hands over */
function courseSetup(script: string, things: Partial<Record<Need, string>>): string {
  const dir = script.replace(/\/[^/]*$/, '')
  const vars = Object.entries(things).map(([need, id]) => `course_${need}=${id}`)
  return [`export PATH='${dir}':"$PATH"`, ...vars].join('; ')
}

async function ended(events: Renderer, outcome: RunOutcome): Promise<Outcome> {
  events.take({ type: 'run-ended', outcome })
  await events.flush()
  return outcomeOf(outcome)
}

/** the step's first heading, for renderers that list the steps */
const stepTitle = (s: Step): string => (s.tokens.find(t => t.type === 'heading') as { text?: string } | undefined)?.text ?? s.id

export function outcomeOf(o: RunOutcome): Outcome {
  switch (o.status) {
    case 'done':
      return o.failedSteps.length > 0 || o.failedClaims > 0 ? 'failed' : 'done'
    case 'exited':
      return o.code === 0 ? 'done' : 'failed'
    case 'quit':
      return 'interrupted'
    case 'services-failed':
      return 'usage'
    default:
      return 'failed'
  }
}

async function prelude(lesson: Lesson, session: Session): Promise<RunOutcome | undefined> {
  for (const block of lesson.prelude) {
    const p = await session.run(block.code, { timeoutMs: lesson.timeoutSec * 1000, keepOptions: true })
    if (p.status !== 0) return { status: 'prelude-failed', line: block.line, output: p.output.trim() }
  }
  return undefined
}

/** What the machine says about a failed step: a full btrfs makes every later write fail. */
function btrfsFull(): { path: string; freeMiB: number } | undefined {
  const free = freeMiB()
  return free !== undefined && free < MIN_FREE_MIB ? { path: BTRFS_PATH, freeMiB: free } : undefined
}

function explainFailure(events: Renderer): void {
  const full = btrfsFull()
  if (full) events.take({ type: 'failure-explained', reason: 'btrfs-full', ...full })
}

async function confirm(r: LessonRun, question: Parameters<Prompter['confirm']>[0], byDefault: boolean): Promise<boolean> {
  const answer = await r.prompter!.confirm(question, byDefault)
  r.events.take({ type: 'confirm-answered', question, answer })
  return answer
}

async function reclaimOrphans(r: LessonRun): Promise<void> {
  for (const item of await killProcessesOfDeadRuns()) r.events.take({ type: 'removed', item })
  await removeStaleSessionDirs()
  // a killed pull's temp dir and half-made image, and services nobody uses any more, go silently:
  // they were never the learner's
  for (const h of deadHoldings()) for (const item of await removeHoldings(h)) r.events.take({ type: 'removed', item })
  for (const item of (await stopOrphanServices()).map(stoppedService)) r.events.take({ type: 'removed', item })
  const left = orphans()
  if (left.length === 0) return
  const uuids = left.map(e => e.uuid)
  r.events.take({ type: 'orphans-found', uuids })
  if (r.prompter && !(await confirm(r, { kind: 'clean-orphans', uuids }, true))) return
  for (const e of left) {
    for (const item of await cleanupContainer(e.uuid, { keepContainer: false })) r.events.take({ type: 'removed', item })
    release(e)
  }
}
