// The doctor's checks, one builder each: plain values (a phrase is a words key, or a command or a
// tool's own output shown as it is), said by render/doctor.ts.

import { access, constants, lstat, readFile } from 'node:fs/promises'
import { release } from 'node:os'
import { exists } from '../core/exists.js'
import type { HostResult } from '../core/host.js'
import type { Vars, WordKey } from '../render/words/index.js'
import { detectCgroupMode } from './cgroup-mode.js'
import { parseBridge, parseUtilLinuxVersion, v1Controllers, v2Controllers, versionAtLeast } from './doctor-parse.js'
import { BASE_IMAGE, BRIDGE, BTRFS_PATH, CGROUP_ROOT, GATEWAY, LAB_MARKER } from './paths.js'
import { freeMiB, MIN_FREE_MIB } from './space.js'

/** Words in the learner's language (a key and its values), or a string shown as it is: a command line, or a tool's own output. */
export type Phrase = string | { key: WordKey; vars?: Vars }

export interface DoctorCheck {
  id: string
  ok: boolean
  blocking: boolean
  detail: Phrase
  fix?: Phrase
  /** failing only because this other check fails (run names just the cause) */
  because?: string
}

export const SETUP = 'sudo bocker-learn setup'
export const SETUP_PACKAGES = 'sudo bocker-learn setup --packages'
const RESET: Phrase = { key: 'lab.doctor.fix.reset' }
const USE_LAB_VM: Phrase = { key: 'lab.doctor.fix.labVm' }
const MIN_UTIL_LINUX = [2, 24, 0] as const

export const CGROUP_TOOLS = ['cgcreate', 'cgset', 'cgexec']
export const readText = (p: string): Promise<string> => readFile(p, 'utf8').catch(() => '')
export const words = (key: WordKey, vars?: Vars): Phrase => (vars ? { key, vars } : { key })
const lexists = (p: string): Promise<boolean> =>
  lstat(p).then(
    () => true,
    () => false,
  )

async function onPath(cmd: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (
      dir &&
      (await access(`${dir}/${cmd}`, constants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      return true
  }
  return false
}

export async function missingPrograms(programs: string[]): Promise<string[]> {
  return (await Promise.all(programs.map(async c => ((await onPath(c)) ? undefined : c)))).filter(c => c !== undefined)
}

export async function kernelChecks(probe: HostResult | undefined, filesystems: string): Promise<DoctorCheck[]> {
  const kernel = (id: string, ok: boolean, detail: Phrase): DoctorCheck => ({ id, ok, blocking: true, detail, fix: USE_LAB_VM })
  const noProbe = words('lab.doctor.needsRoot')
  const netnsOk =
    (await exists('/proc/self/ns/net')) &&
    probe !== undefined &&
    probe.code !== 127 &&
    !/unshare failed|Operation not permitted/.test(probe.stderr)
  const checks = [
    kernel(
      'kernel-netns',
      netnsOk,
      probe === undefined ? noProbe : netnsOk ? words('lab.doctor.netns.ok') : words('lab.doctor.netns.no', { error: probe.stderr.trim() }),
    ),
  ]
  for (const kind of ['veth', 'bridge'] as const) {
    const ok = probe?.stdout.split('\n').includes(kind) === true
    checks.push(
      kernel(`kernel-${kind}`, ok, probe === undefined ? noProbe : words(ok ? 'lab.doctor.device.ok' : 'lab.doctor.device.no', { kind })),
    )
  }
  const btrfsFs = /\bbtrfs\b/.test(filesystems) || (await exists(`/lib/modules/${release()}/kernel/fs/btrfs`))
  checks.push(kernel('kernel-btrfs', btrfsFs, words(btrfsFs ? 'lab.doctor.btrfsFs.ok' : 'lab.doctor.btrfsFs.no')))
  const loop = (await exists('/dev/loop-control')) || (await exists('/sys/module/loop'))
  checks.push(kernel('kernel-loop', loop, words(loop ? 'lab.doctor.loop.ok' : 'lab.doctor.loop.no')))
  return checks
}

export function toolChecks(ip: HostResult, btrfs: HostResult, unshare: HostResult, missingCg: string[]): DoctorCheck[] {
  const tool = (id: string, ok: boolean, detail: Phrase): DoctorCheck => ({ id, ok, blocking: true, detail, fix: SETUP_PACKAGES })
  const missing = (tool: string, pkg: string): Phrase => words('lab.doctor.toolMissing', { tool, package: pkg })
  const ul = parseUtilLinuxVersion(unshare.stdout)
  const ulOk = ul !== undefined && versionAtLeast(ul, [...MIN_UTIL_LINUX])
  return [
    tool('tool-ip', ip.ok, ip.ok ? ip.stdout.trim() : missing('ip', 'iproute2')),
    tool('tool-btrfs', btrfs.ok, btrfs.ok ? btrfs.stdout.trim() : missing('btrfs', 'btrfs-progs')),
    tool(
      'tool-unshare',
      ulOk,
      ul === undefined
        ? missing('unshare', 'util-linux')
        : words(ulOk ? 'lab.doctor.unshare.ok' : 'lab.doctor.unshare.old', { version: ul.join('.') }),
    ),
    tool(
      'tool-cgroup-tools',
      missingCg.length === 0,
      missingCg.length === 0 ? CGROUP_TOOLS.join(', ') : words('lab.doctor.cgTools.missing', { tools: missingCg.join(', ') }),
    ),
  ]
}

export function btrfsChecks(fsType: string | undefined, fsRoot: string): DoctorCheck[] {
  const path = BTRFS_PATH
  const free = fsType === 'btrfs' ? (freeMiB(`${fsRoot}${path}`) ?? 0) : undefined
  return [
    {
      id: 'btrfs-mount',
      ok: fsType === 'btrfs',
      blocking: true,
      detail:
        fsType === 'btrfs'
          ? words('lab.doctor.btrfsMount.ok', { path })
          : fsType
            ? words('lab.doctor.btrfsMount.other', { path, type: fsType })
            : words('lab.doctor.btrfsMount.none', { path }),
      fix: SETUP,
    },
    {
      id: 'btrfs-space',
      ok: free !== undefined && free >= MIN_FREE_MIB,
      blocking: true,
      detail:
        free === undefined
          ? words('lab.doctor.space.unknown', { path })
          : words(free >= MIN_FREE_MIB ? 'lab.doctor.space.ok' : 'lab.doctor.space.full', { path, free, min: MIN_FREE_MIB }),
      fix: free === undefined ? SETUP : RESET,
      because: free === undefined ? 'btrfs-mount' : undefined,
    },
  ]
}

export function bridgeCheck(bridgeJson: HostResult): DoctorCheck {
  const bridge = parseBridge(bridgeJson.ok ? bridgeJson.stdout : '')
  const want = `${GATEWAY}/24`
  const vars = { bridge: BRIDGE, want }
  const detail = !bridge.exists
    ? words('lab.doctor.bridge.missing', vars)
    : !bridge.addresses.includes(want)
      ? bridge.addresses.length === 0
        ? words('lab.doctor.bridge.noAddress', vars)
        : words('lab.doctor.bridge.otherAddress', { ...vars, has: bridge.addresses.join(', ') })
      : words(bridge.up ? 'lab.doctor.bridge.ok' : 'lab.doctor.bridge.down', vars)
  return { id: 'bridge', ok: bridge.exists && bridge.up && bridge.addresses.includes(want), blocking: true, detail, fix: SETUP }
}

export async function cgroupCheck(fsRoot: string, procCgroups: string, v1Mounted: string[]): Promise<DoctorCheck> {
  const root = `${fsRoot}${CGROUP_ROOT}`
  const mode = detectCgroupMode(root)
  const hybrid = mode === 'v1' && (await exists(`${root}/unified/cgroup.controllers`))
  const state = mode === 'v2' ? v2Controllers(await readText(`${root}/cgroup.controllers`)) : v1Controllers(procCgroups, v1Mounted)
  const needed = mode === 'v2' ? (['cpu', 'memory'] as const) : (['cpu', 'cpuacct', 'memory'] as const)
  const missing = needed.filter(c => !state[c])
  // hybrid: v1 controllers plus an empty cgroup2 at unified/; named by that path, which needs no translation
  const label = hybrid ? `cgroup v1 (+ ${CGROUP_ROOT}/unified)` : `cgroup ${mode}`
  return {
    id: 'cgroup',
    ok: missing.length === 0,
    blocking: true,
    detail:
      missing.length === 0
        ? words('lab.doctor.cgroup.ok', { label, controllers: needed.join(', ') })
        : words('lab.doctor.cgroup.missing', { label, missing: missing.join(', ') }),
    fix: USE_LAB_VM,
  }
}

export async function labChecks(fsRoot: string, fsType: string | undefined): Promise<DoctorCheck[]> {
  const image = `${BTRFS_PATH}/${BASE_IMAGE}`
  const imageOk = await lexists(`${fsRoot}${image}/bin/sh`)
  const node = process.versions.node
  const nodeOk = Number(node.split('.')[0]) >= 20
  const marker = await exists(`${fsRoot}${LAB_MARKER}`)
  return [
    {
      id: 'base-image',
      ok: imageOk,
      blocking: true,
      detail: words(imageOk ? 'lab.doctor.image.ok' : 'lab.doctor.image.missing', { image }),
      fix: SETUP,
      because: fsType !== 'btrfs' ? 'btrfs-mount' : undefined,
    },
    {
      id: 'node',
      ok: nodeOk,
      blocking: true,
      detail: nodeOk ? `Node.js ${node}` : words('lab.doctor.node.old', { version: node }),
      fix: words('lab.doctor.fix.node'),
    },
    {
      id: 'lab-marker',
      ok: marker,
      blocking: false,
      detail: words(marker ? 'lab.doctor.marker.ok' : 'lab.doctor.marker.missing', { marker: LAB_MARKER }),
      fix: SETUP,
    },
    swapCheck(await readText('/proc/swaps')),
  ]
}

/** With swap on, a process over its cgroup's memory limit is swapped out, not OOM-killed as the lessons show. */
export function swapCheck(procSwaps: string): DoctorCheck {
  const active = procSwaps
    .split('\n')
    .slice(1)
    .filter(l => l.trim() !== '')
  const kib = active.reduce((n, l) => n + (Number(l.trim().split(/\s+/)[2]) || 0), 0)
  return {
    id: 'swap',
    ok: active.length === 0,
    blocking: false,
    detail: words(active.length === 0 ? 'lab.doctor.swap.off' : 'lab.doctor.swap.on', { mib: Math.round(kib / 1024) }),
    fix: 'sudo swapoff -a',
  }
}
