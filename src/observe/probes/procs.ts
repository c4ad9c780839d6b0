// Container processes: those in a netns_ps_* network namespace or a ps_* cgroup, with what isolates them.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { isUuid, uuidOfNetns } from '../../lab/names.js'

export const NAMESPACES = ['net', 'mnt', 'pid', 'uts', 'ipc'] as const
export type NsKind = (typeof NAMESPACES)[number]
export type NsInodes = Record<NsKind, number>

export interface Mount {
  target: string
  fstype: string
  source: string
}
export interface ContainerProcess {
  pid: number
  ppid: number
  comm: string
  cmdline: string
  ns: NsInodes
  /** NSpid from /proc/PID/status: the host's PID first, the PID inside its own namespace last */
  nsPid: number[]
  netns?: string
  cgroups: string[] // 'memory:/ps_42032' (v1) or ':/ps_42032' (v2), only bocker's
  uuid?: string
  root: string
  mounts: Mount[] // proc and sysfs mounts as the process sees them
}
export interface ProcState {
  /** 'pid1' when /proc/1/ns is readable, else our own namespaces stand for the host's */
  hostRef: 'pid1' | 'self'
  host: NsInodes
  processes: ContainerProcess[]
}

/** 'net:[4026532180]' → 4026532180 */
export function parseNsLink(link: string): number {
  return Number(/\[(\d+)\]/.exec(link)?.[1] ?? 0)
}

export function parseStatus(text: string): { ppid: number; nsPid: number[] } {
  const field = (k: string): string => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(text)?.[1] ?? ''
  return { ppid: Number(field('PPid')), nsPid: field('NSpid').split(/\s+/).filter(Boolean).map(Number) }
}

/** 'memory:/ps_42032' → 'ps_42032': the container a cgroup (v1 'controllers:/path', v2 ':/path') is named after */
export function uuidOfCgroup(line: string): string | undefined {
  const last =
    line
      .slice(line.indexOf(':') + 1)
      .split('/')
      .at(-1) ?? ''
  return isUuid(last) ? last : undefined
}

/** /proc/PID/cgroup lines 'ID:controllers:/path'; keeps 'controllers:/path' of bocker's cgroups */
export function parseCgroupFile(text: string): string[] {
  return text
    .split('\n')
    .map(l => l.replace(/^\d+:/, ''))
    .filter(l => uuidOfCgroup(l) !== undefined)
    .sort()
}

/** /proc/PID/mountinfo: 'ID PARENT MAJ:MIN ROOT TARGET OPTS [TAGS] - FSTYPE SOURCE SUPEROPTS' */
export function parseMountinfo(text: string, fstypes = ['proc', 'sysfs']): Mount[] {
  const out: Mount[] = []
  for (const line of text.split('\n')) {
    const [left = '', right = ''] = line.split(' - ')
    const target = left.split(' ')[4]
    const [fstype = '', source = ''] = right.split(' ')
    if (target && fstypes.includes(fstype)) out.push({ target, fstype, source })
  }
  return out
}

function tryRead(read: () => string): string | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

export function readNamespaces(pid: number | 'self'): NsInodes | undefined {
  const ns = {} as NsInodes
  for (const kind of NAMESPACES) {
    const link = tryRead(() => readlinkSync(`/proc/${pid}/ns/${kind}`))
    if (link === undefined) return undefined
    ns[kind] = parseNsLink(link)
  }
  return ns
}

function readProcess(pid: number, netnsByInode: Map<number, string>): ContainerProcess | undefined {
  const ns = readNamespaces(pid)
  const status = tryRead(() => readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!ns || status === undefined) return undefined
  const cgroups = parseCgroupFile(tryRead(() => readFileSync(`/proc/${pid}/cgroup`, 'utf8')) ?? '')
  const netns = netnsByInode.get(ns.net)
  const uuid = (netns && uuidOfNetns(netns)) ?? cgroups.map(uuidOfCgroup).find(Boolean)
  return {
    pid,
    ...parseStatus(status),
    comm: (tryRead(() => readFileSync(`/proc/${pid}/comm`, 'utf8')) ?? '').trim(),
    cmdline: (tryRead(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8')) ?? '').split('\0').join(' ').trim(),
    ns,
    ...(netns ? { netns } : {}),
    cgroups,
    ...(uuid ? { uuid } : {}),
    root: tryRead(() => readlinkSync(`/proc/${pid}/root`)) ?? '?',
    mounts: parseMountinfo(tryRead(() => readFileSync(`/proc/${pid}/mountinfo`, 'utf8')) ?? ''),
  }
}

/**
 * Scans /proc once, matching each process's net namespace inode against /run/netns/netns_ps_*;
 * `cgroupPids` (from the cgroup probe's cgroup.procs) adds processes outside any bocker netns.
 * Reading other users' /proc/PID/ns needs root: without it only our own processes are seen.
 */
export function readProcs(netnsByInode: Map<number, string>, cgroupPids: number[], focusUuid?: string): ProcState {
  const pid1 = readNamespaces(1)
  const host = pid1 ?? readNamespaces('self') ?? { net: 0, mnt: 0, pid: 0, uts: 0, ipc: 0 }
  const candidates = new Set(cgroupPids)
  let entries: string[] = []
  try {
    entries = readdirSync('/proc').filter(e => /^\d+$/.test(e))
  } catch {
    /* no /proc: nothing to see */
  }
  for (const entry of entries) {
    const link = tryRead(() => readlinkSync(`/proc/${entry}/ns/net`))
    if (link !== undefined && netnsByInode.has(parseNsLink(link))) candidates.add(Number(entry))
  }
  const processes = [...candidates]
    .sort((a, b) => a - b)
    .map(pid => readProcess(pid, netnsByInode))
    .filter((p): p is ContainerProcess => p !== undefined && (!focusUuid || p.uuid === focusUuid))
  return { hostRef: pid1 ? 'pid1' : 'self', host, processes }
}

/** The process that stands for "the container": PID 1 (or the lowest PID) of a pid namespace not the host's. */
export function mainProcess(state: ProcState, uuid?: string): ContainerProcess | undefined {
  const inner = state.processes
    .filter(p => p.ns.pid !== state.host.pid && (!uuid || p.uuid === uuid))
    .sort((a, b) => (a.nsPid.at(-1) ?? 0) - (b.nsPid.at(-1) ?? 0))
  return inner[0] ?? state.processes.find(p => !uuid || p.uuid === uuid)
}
