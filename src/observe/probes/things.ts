// A snapshot flattened into comparable things: one kind of thing, one stable key, flat string attributes.

import { uuidOfVeth } from '../../lab/names.js'
import type { Snapshot } from './index.js'
import { HOST } from './net.js'
import { NAMESPACES } from './procs.js'

export type What = 'link' | 'netns' | 'addr' | 'route' | 'subvolume' | 'file' | 'cgroup' | 'process'
/** the order changes are listed in: the order bocker_run builds things */
export const WHAT_ORDER: readonly What[] = ['netns', 'link', 'addr', 'route', 'subvolume', 'file', 'cgroup', 'process']

export interface Thing {
  what: What
  key: string
  id: string
  /** netns the thing lives in ('' = host), for net things */
  where?: string
  attrs: Record<string, string>
}

/** the first line, shortened: enough to recognise a resolv.conf or a log line */
export function firstLine(text: string, max = 60): string {
  const line = text.split('\n').find(l => l.trim() !== '') ?? ''
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

function netThings(s: Snapshot): Thing[] {
  const net = s.net
  if (!net) return []
  const out: Thing[] = []
  const links = [...net.links].sort((a, b) => a.netns.localeCompare(b.netns) || a.name.localeCompare(b.name))
  for (const l of links) {
    // bocker's veths keep their key when they move between namespaces, so a move reads as a change
    const key = uuidOfVeth(l.name) !== undefined ? l.name : `${l.name}@${l.netns}`
    out.push({
      what: 'link',
      key,
      id: l.name,
      where: l.netns,
      attrs: {
        kind: l.kind,
        state: l.state,
        carrier: l.carrier ? 'yes' : 'no',
        mac: l.mac,
        master: l.master ?? '',
        peer: l.peer ?? '',
        netns: l.netns,
      },
    })
  }
  for (const n of net.netns) out.push({ what: 'netns', key: n.name, id: n.name, attrs: { inode: String(n.inode) } })
  for (const a of net.addrs) {
    out.push({ what: 'addr', key: `${a.netns}|${a.dev}|${a.cidr}`, id: a.cidr, where: a.netns, attrs: { dev: a.dev } })
  }
  for (const r of net.routes) {
    const id = r.gateway ? `${r.dst} via ${r.gateway}` : r.dst
    out.push({ what: 'route', key: `${r.netns}|${id}|${r.dev}`, id, where: r.netns, attrs: { dev: r.dev } })
  }
  return out
}

function diskThings(s: Snapshot): Thing[] {
  const out: Thing[] = []
  for (const v of s.btrfs?.subvolumes ?? []) {
    const attrs = { snapshotOf: v.snapshotOf ?? '', subvolumeId: v.id === undefined ? '' : String(v.id) }
    out.push({ what: 'subvolume', key: v.name, id: v.name, attrs })
    for (const [rel, f] of Object.entries(v.files)) {
      const id = `${v.name}/${rel}`
      out.push({ what: 'file', key: id, id, attrs: { size: String(f.size), text: firstLine(f.head) } })
    }
  }
  for (const g of s.cgroup?.groups ?? []) {
    const id = g.controller ? `${g.controller}/${g.name}` : g.name
    out.push({ what: 'cgroup', key: id, id, attrs: { ...g.values, 'cgroup.procs': g.procs.join(' ') } })
  }
  return out
}

function procThings(s: Snapshot): Thing[] {
  const proc = s.proc
  if (!proc) return []
  return proc.processes.map(p => ({
    what: 'process' as const,
    key: String(p.pid),
    id: String(p.pid),
    attrs: {
      comm: p.comm,
      uuid: p.uuid ?? '',
      netns: p.netns ?? '',
      pidInside: String(p.nsPid.at(-1) ?? p.pid),
      newNamespaces: NAMESPACES.filter(k => p.ns[k] !== proc.host[k]).join(' '),
      root: p.root,
    },
  }))
}

export function thingsOf(s: Snapshot): Thing[] {
  return [...netThings(s), ...diskThings(s), ...procThings(s)]
}

export const isHost = (where: string | undefined): boolean => where === undefined || where === HOST
