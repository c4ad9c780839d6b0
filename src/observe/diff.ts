// Before/after comparison of two snapshots, thing by thing and attribute by attribute.
import type { ProbeName, Snapshot } from './probes/index.js'
import { type Thing, thingsOf, WHAT_ORDER, type What } from './probes/things.js'

/** One difference, as data: render/changes.ts says it in words; --events carries it as it is. */
export interface Change {
  kind: 'added' | 'removed' | 'changed'
  what: What
  id: string
  /** netns the thing lives in ('' = host) */
  where?: string
  /** for 'changed': which attribute ('content' for a file, whose before/after are then sizes in bytes), and its values */
  field?: string
  before?: string
  after?: string
  /** the thing's attributes (after, or before for 'removed') */
  attrs: Record<string, string>
}

/** attributes that only restate the key or that no reader cares about when they change */
const IGNORED: Partial<Record<What, string[]>> = { link: ['kind'], netns: ['inode'], subvolume: ['subvolumeId'] }

const PROBE_OF: Record<What, ProbeName> = {
  link: 'net',
  netns: 'net',
  addr: 'net',
  route: 'net',
  subvolume: 'btrfs',
  file: 'btrfs',
  cgroup: 'cgroup',
  process: 'proc',
}

function fieldChanges(b: Thing, a: Thing): Change[] {
  const base = { kind: 'changed' as const, what: a.what, id: a.id, attrs: a.attrs, ...(a.where !== undefined ? { where: a.where } : {}) }
  if (a.what === 'file') {
    if (a.attrs.size === b.attrs.size && a.attrs.text === b.attrs.text) return []
    return [{ ...base, field: 'content', before: b.attrs.size ?? '', after: a.attrs.size ?? '' }]
  }
  const differs = (k: string): boolean => (b.attrs[k] ?? '') !== (a.attrs[k] ?? '')
  // a link set up gets its carrier too: one line says it
  const implied = a.what === 'link' && differs('state') ? ['carrier'] : []
  const keys = [...new Set([...Object.keys(b.attrs), ...Object.keys(a.attrs)])]
  return keys
    .filter(k => !IGNORED[a.what]?.includes(k) && !implied.includes(k) && differs(k))
    .map(k => ({ ...base, field: k, before: b.attrs[k] ?? '', after: a.attrs[k] ?? '' }))
}

function present(t: Thing, kind: 'added' | 'removed'): Change {
  return { kind, what: t.what, id: t.id, attrs: t.attrs, ...(t.where !== undefined ? { where: t.where } : {}) }
}

/** the probes whose reading can be trusted: `ip` that did not answer says nothing about links */
function readProbes(s: Snapshot): ProbeName[] {
  return s.probes.filter(p => p !== 'net' || s.net?.hostRead !== false)
}

export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  // A probe read only on one side says nothing about change.
  const afterRead = readProbes(after)
  const both = new Set(readProbes(before).filter(p => afterRead.includes(p)))
  const keep = (t: Thing): boolean => both.has(PROBE_OF[t.what])
  const old = new Map(
    thingsOf(before)
      .filter(keep)
      .map(t => [`${t.what}:${t.key}`, t]),
  )
  const now = new Map(
    thingsOf(after)
      .filter(keep)
      .map(t => [`${t.what}:${t.key}`, t]),
  )
  const changes: Change[] = []
  for (const [k, t] of now) {
    const b = old.get(k)
    changes.push(...(b ? fieldChanges(b, t) : [present(t, 'added')]))
  }
  for (const [k, t] of old) if (!now.has(k)) changes.push(present(t, 'removed'))
  const rank = (c: Change): number => WHAT_ORDER.indexOf(c.what)
  return changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map(({ c }) => c)
}
