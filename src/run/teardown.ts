// Ending a run: the lesson's teardown blocks, then the container itself (kept or removed), then the ledger.
import { cleanupContainer } from '../lab/cleanup.js'
import { uuidInUse } from '../lab/uuid-space.js'
import type { Lang } from '../core/context.js'
import type { Lesson } from '../lesson/types.js'
import { markKept, release, type LedgerEntry } from '../lab/ledger.js'
import { t } from '../render/words/index.js'
import { Session } from '../shell/session.js'
import type { Ui } from './ui.js'

export interface TeardownOptions {
  lesson: Lesson
  args: string[]
  session: Session | undefined
  entry: LedgerEntry | undefined
  ui: Ui
  lang: Lang
  keep: boolean
  /** remove the container without asking (--yes, or no terminal left) */
  removeWithoutAsking: boolean
}

export async function teardown (o: TeardownOptions): Promise<void> {
  if (o.keep) {
    if (o.entry) { markKept(o.entry.uuid); o.ui.info(t(o.lang, 'run.kept', { uuid: o.entry.uuid })) }
    return
  }
  o.ui.info(t(o.lang, 'run.teardown'))
  let session = o.session
  let own = false
  if (!session?.alive && o.lesson.teardown.length > 0) {
    // the lesson shell died: a fresh one with bocker's globals and the claimed uuid
    session = await Session.start(o.args)
    own = true
    for (const b of o.lesson.prelude) await session.run(b.code, { timeoutMs: 10_000 })
    if (o.entry) await session.run(`uuid=${o.entry.uuid}`, { timeoutMs: 5000 })
  }
  for (const b of o.lesson.teardown) {
    const r = await session!.run(b.code, { timeoutMs: 30_000, onOutput: c => o.ui.output(c) })
    if (r.status !== 0) o.ui.result(r, 30, [0])
  }
  if (own) await session!.close()
  if (!o.entry) return
  // ask only about a container that exists (a run quit before the snapshot has none to keep)
  const exists = uuidInUse(o.entry.uuid) !== undefined
  const remove = !exists || o.removeWithoutAsking || await o.ui.confirm(t(o.lang, 'run.keepAsk', { uuid: o.entry.uuid }), true)
  const removed = await cleanupContainer(o.entry.uuid, { keepContainer: !remove })
  for (const what of removed) o.ui.info(t(o.lang, 'run.removed', { what }))
  if (remove) release(o.entry)
  else { markKept(o.entry.uuid); o.ui.info(t(o.lang, 'run.kept', { uuid: o.entry.uuid })) }
}
