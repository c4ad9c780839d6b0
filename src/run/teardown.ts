// Ending a run: the lesson's teardown blocks, then the container itself (kept or removed), then the ledger.
import { setCourseThing } from '../course/progress.js'
import { cleanupContainer } from '../lab/cleanup.js'
import { heldBy, letGo, removeHoldings } from '../lab/holdings.js'
import { markKept, release } from '../lab/ledger.js'
import { uuidInUse } from '../lab/uuid-space.js'
import type { Lesson } from '../lesson/types.js'
import { Session } from '../shell/session.js'
import type { Container } from './container.js'
import type { Renderer } from './events.js'
import type { Prompter } from './prompter.js'
import { blockResult } from './step.js'

export interface TeardownOptions {
  lesson: Lesson
  args: string[]
  session: Session | undefined
  container: Container
  events: Renderer
  /** undefined: remove the container without asking (--yes, or the run was cancelled) */
  prompter: Prompter | undefined
  keep: boolean
  /** every step ran: an image the run made is finished and stays */
  finished: boolean
  /** the course goes on with what the run made: its container stays without a question */
  keepMade?: boolean
}

/** what a run leaves on purpose is what the course goes on with */
function kept(o: TeardownOptions, uuid: string): void {
  markKept(uuid)
  setCourseThing('container', uuid)
  o.events.take({ type: 'kept', uuid })
}

const TEARDOWN_TIMEOUT_SEC = 30

export async function teardown(o: TeardownOptions): Promise<void> {
  const entry = o.container.entry
  if (o.keep || o.finished)
    for (const image of heldBy()?.images ?? []) {
      letGo('images', image)
      setCourseThing('image', image)
    }
  if (o.keep) {
    for (const id of heldBy()?.tmpIds ?? []) letGo('tmpIds', id)
    if (entry) kept(o, entry.uuid)
    return
  }
  o.events.take({ type: 'teardown-started' })
  let session = o.session
  let own = false
  if (!session?.alive && o.lesson.teardown.length > 0) {
    // the lesson shell died: a fresh one with bocker's globals and the claimed uuid
    session = await Session.start(o.args)
    own = true
    for (const b of o.lesson.prelude) await session.run(b.code, { timeoutMs: 10_000, keepOptions: true })
    if (entry) await session.run(`uuid=${entry.uuid}`, { timeoutMs: 5000 })
  }
  for (const b of o.lesson.teardown) {
    o.events.take({
      type: 'block-started',
      step: 'teardown',
      role: 'teardown',
      line: b.line,
      quiet: false,
      tty: false,
      code: b.code,
      readsTerminal: false,
    })
    const r = await session!.run(b.code, {
      timeoutMs: TEARDOWN_TIMEOUT_SEC * 1000,
      onOutput: chunk => {
        o.events.take({ type: 'block-output', step: 'teardown', chunk })
      },
    })
    o.events.take({
      type: 'block-ended',
      step: 'teardown',
      role: 'teardown',
      line: b.line,
      quiet: false,
      tty: false,
      result: blockResult(r, [0], TEARDOWN_TIMEOUT_SEC),
    })
  }
  if (own) await session!.close()
  // what is left of a temp dir or an unfinished image (the lesson's teardown removes most of it)
  const held = heldBy()
  if (held) for (const item of await removeHoldings(held)) o.events.take({ type: 'removed', item })
  if (!entry) return
  // ask only about a container that exists (a run quit before the snapshot has none to keep)
  const exists = uuidInUse(entry.uuid) !== undefined
  let remove = !(exists && o.keepMade)
  if (exists && o.prompter && !o.keepMade) {
    const question = { kind: 'keep-container', uuid: entry.uuid } as const
    remove = await o.prompter.confirm(question, true)
    o.events.take({ type: 'confirm-answered', question, answer: remove })
  }
  for (const item of await cleanupContainer(entry.uuid, { keepContainer: !remove })) o.events.take({ type: 'removed', item })
  if (remove) release(entry)
  else kept(o, entry.uuid)
}
