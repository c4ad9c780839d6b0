// One line for one thing a cleanup removed (or could not remove), in the learner's language.
import type { Lang } from '../core/context.js'
import type { Removed } from '../lab/removed.js'
import { t, type WordKey } from './words/index.js'

const DONE: Record<Removed['what'], WordKey> = {
  process: 'lab.removed.process',
  veth: 'lab.removed.veth',
  netns: 'lab.removed.netns',
  cgroup: 'lab.removed.cgroup',
  subvolume: 'lab.removed.subvolume',
  'ledger-entry': 'lab.removed.ledgerEntry',
  'session-dir': 'lab.removed.sessionDir',
  image: 'lab.removed.image',
  'temp-dir': 'lab.removed.tempDir',
  service: 'lab.removed.service',
  progress: 'lab.removed.progress',
}

const NOT_DONE: Record<Removed['what'], WordKey> = {
  process: 'lab.notRemoved.process',
  veth: 'lab.notRemoved.veth',
  netns: 'lab.notRemoved.netns',
  cgroup: 'lab.notRemoved.cgroup',
  subvolume: 'lab.notRemoved.subvolume',
  'ledger-entry': 'lab.notRemoved.ledgerEntry',
  'session-dir': 'lab.notRemoved.sessionDir',
  image: 'lab.notRemoved.image',
  'temp-dir': 'lab.notRemoved.tempDir',
  service: 'lab.notRemoved.service',
  progress: 'lab.notRemoved.progress',
}

export function describeRemoved(r: Removed, lang: Lang): string {
  const vars = { name: r.name, pid: r.pid ?? '?' }
  if (r.ok) return t(lang, DONE[r.what], vars)
  // any other reason is the tool's own text (kernel output), shown as it is
  const reason = r.reason === 'busy' ? t(lang, 'lab.notRemoved.busy') : (r.reason ?? '?')
  return t(lang, NOT_DONE[r.what], { ...vars, reason })
}
