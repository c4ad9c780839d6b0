// Before/after comparison of two snapshots, thing by thing and attribute by attribute.
import type { ProbeName, Snapshot } from './probes/index.js'
import { thingsOf, WHAT_ORDER, type Thing, type What } from './probes/things.js'

export interface Change {
  kind: 'added' | 'removed' | 'changed'
  what: What
  id: string
  /** plain English summary, for --json and logs; terminal text is built from the fields below */
  detail: string
  /** netns the thing lives in ('' = host) */
  where?: string
  /** for 'changed': which attribute ('content' for a file), and its values */
  field?: string
  before?: string
  after?: string
  /** the thing's attributes (after, or before for 'removed') */
  attrs: Record<string, string>
}

/** attributes that only restate the key or that no reader cares about when they change */
const IGNORED: Partial<Record<What, string[]>> = { link: ['kind'], netns: ['inode'], subvolume: ['subvolumeId'] }

function summary(t: Thing): string {
  const a = t.attrs
  const where = t.where ? ` in ${t.where}` : ''
  switch (t.what) {
    case 'link':
      return [a.kind, a.peer && `peer ${a.peer}`, a.state, a.master && `master ${a.master}`].filter(Boolean).join(', ') + where
    case 'addr':
    case 'route':
      return `dev ${a.dev}${where}`
    case 'subvolume':
      return a.snapshotOf ? `snapshot of ${a.snapshotOf}` : ''
    case 'file':
      return `${a.size} bytes${a.text ? `: ${a.text}` : ''}`
    case 'process':
      return `${a.comm}, PID ${a.pidInside} inside, new namespaces: ${a.newNamespaces || 'none'}`
    default:
      return Object.entries(a).filter(([, v]) => v !== '').map(([k, v]) => `${k} = ${v}`).join(', ')
  }
}

function fieldChanges(b: Thing, a: Thing): Change[] {
  const base = { kind: 'changed' as const, what: a.what, id: a.id, attrs: a.attrs, ...(a.where !== undefined ? { where: a.where } : {}) }
  if (a.what === 'file') {
    if (a.attrs.size === b.attrs.size && a.attrs.text === b.attrs.text) return []
    const before = `${b.attrs.size} bytes`
    const after = `${a.attrs.size} bytes`
    return [{ ...base, field: 'content', before, after, detail: `content: ${before} → ${after}` }]
  }
  const differs = (k: string): boolean => (b.attrs[k] ?? '') !== (a.attrs[k] ?? '')
  // a link set up gets its carrier too: one line says it
  const implied = a.what === 'link' && differs('state') ? ['carrier'] : []
  const keys = [...new Set([...Object.keys(b.attrs), ...Object.keys(a.attrs)])]
  return keys
    .filter((k) => !IGNORED[a.what]?.includes(k) && !implied.includes(k) && differs(k))
    .map((k) => {
      const before = b.attrs[k] ?? ''
      const after = a.attrs[k] ?? ''
      return { ...base, field: k, before, after, detail: `${k}: ${before || '–'} → ${after || '–'}` }
    })
}

function present(t: Thing, kind: 'added' | 'removed'): Change {
  return { kind, what: t.what, id: t.id, attrs: t.attrs, detail: summary(t), ...(t.where !== undefined ? { where: t.where } : {}) }
}

export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  // A probe read only on one side says nothing about change.
  const both = new Set(before.probes.filter((p) => after.probes.includes(p)))
  const probeOf: Record<What, ProbeName> = {
    link: 'net', netns: 'net', addr: 'net', route: 'net', subvolume: 'btrfs', file: 'btrfs', cgroup: 'cgroup', process: 'proc',
  }
  const keep = (t: Thing): boolean => both.has(probeOf[t.what])
  const old = new Map(thingsOf(before).filter(keep).map((t) => [`${t.what}:${t.key}`, t]))
  const now = new Map(thingsOf(after).filter(keep).map((t) => [`${t.what}:${t.key}`, t]))
  const changes: Change[] = []
  for (const [k, t] of now) {
    const b = old.get(k)
    changes.push(...(b ? fieldChanges(b, t) : [present(t, 'added')]))
  }
  for (const [k, t] of old) if (!now.has(k)) changes.push(present(t, 'removed'))
  const rank = (c: Change): number => WHAT_ORDER.indexOf(c.what)
  return changes.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i).map(({ c }) => c)
}
