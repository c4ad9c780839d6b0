// One round of probes: reads only what was asked for, in parallel, and says what it could not read.

import { type BtrfsState, readBtrfs } from './btrfs.js'
import { type CgroupState, readCgroups } from './cgroups.js'
import { type ProbeOptions, probeEnv } from './env.js'
import { listNetns, type NetState, readNet } from './net.js'
import { type ProcState, readProcs } from './procs.js'

export type ProbeName = 'net' | 'btrfs' | 'cgroup' | 'proc'
export const ALL_PROBES: readonly ProbeName[] = ['net', 'btrfs', 'cgroup', 'proc']

/** Things left unread, so the UI can say so instead of showing an empty picture as the truth. */
export type Blind =
  | 'ip-failed' // `ip` is missing, failed or timed out: the host's links are unknown
  | 'netns-inside-needs-root' // `ip -n NAME` enters the namespace
  | 'subvolume-ids-need-root' // `btrfs subvolume list` uses a root-only ioctl
  | 'btrfs-list-failed' // as root, `btrfs subvolume list` is missing or failed
  | 'processes-need-root' // other users' /proc/PID/ns are unreadable
  | 'btrfs-not-mounted'

export interface Snapshot {
  takenAt: number // ms since epoch
  probes: ProbeName[]
  focus?: { uuid?: string }
  net?: NetState
  btrfs?: BtrfsState
  cgroup?: CgroupState
  proc?: ProcState
  blind: Blind[]
}

export function parseProbeNames(spec: string): ProbeName[] {
  if (spec === 'none') return []
  return spec
    .split(',')
    .map(s => s.trim())
    .filter((s): s is ProbeName => (ALL_PROBES as string[]).includes(s))
}

/** `options` are for tests: by default the real host, as whoever we run as, on this machine's places */
export async function takeSnapshot(names: ProbeName[], focus?: { uuid?: string }, options: ProbeOptions = {}): Promise<Snapshot> {
  const env = probeEnv(options)
  const want = new Set(names)
  const [net, btrfs, cgroup] = await Promise.all([
    want.has('net') ? readNet(env) : undefined,
    want.has('btrfs') ? readBtrfs(env) : undefined,
    want.has('cgroup') || want.has('proc') ? readCgroups(env.places.cgroupRoot).catch(() => undefined) : undefined,
  ])
  let proc: ProcState | undefined
  if (want.has('proc')) {
    const netns = net?.netns ?? (await listNetns(env.places.netnsDir))
    const pids = cgroup?.groups.flatMap(g => g.procs) ?? []
    proc = readProcs(new Map(netns.map(n => [n.inode, n.name])), pids, focus?.uuid)
  }
  const blind: Blind[] = []
  if (net && !net.hostRead) blind.push('ip-failed')
  if (net && !env.root && net.netns.length > 0) blind.push('netns-inside-needs-root')
  if (btrfs && !btrfs.mounted) blind.push('btrfs-not-mounted')
  if (btrfs?.mounted && !btrfs.listed) blind.push(env.root ? 'btrfs-list-failed' : 'subvolume-ids-need-root')
  if (proc && !env.root) blind.push('processes-need-root')
  return {
    takenAt: Date.now(),
    probes: [...names],
    ...(focus ? { focus } : {}),
    ...(net ? { net } : {}),
    ...(btrfs ? { btrfs } : {}),
    ...(want.has('cgroup') && cgroup ? { cgroup } : {}),
    ...(proc ? { proc } : {}),
    blind,
  }
}
