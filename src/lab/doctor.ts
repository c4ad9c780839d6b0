import { access, constants, lstat, readFile } from 'node:fs/promises'
import { release } from 'node:os'
import type { Lang } from '../core/context.js'
import { detectCgroupMode } from './cgroup-mode.js'
import { cgroupMounts } from './cgroup-mounts.js'
import { mountedFsType, parseBridge, parseUtilLinuxVersion, v1Controllers, v2Controllers, versionAtLeast } from './doctor-parse.js'
import { BASE_IMAGE, BRIDGE, BTRFS_PATH, CGROUP_ROOT, GATEWAY, LAB_MARKER } from './paths.js'
import { freeMiB, MIN_FREE_MIB } from './space.js'
import { runTool, type ToolResult } from './tool.js'

export interface DoctorCheck {
  id: string
  ok: boolean
  blocking: boolean
  detail: string
  fix?: string
  /** failing only because this other check fails (run names just the cause) */
  because?: string
}

export interface DoctorOptions {
  lang?: Lang
  /** look at the mount and network namespaces of this process instead of our own (tests) */
  nsPid?: number
}

export const SETUP = 'sudo bocker-learn setup'
export const SETUP_PACKAGES = 'sudo bocker-learn setup --packages'
const RESET = 'sudo bocker-learn reset   # removes leftover containers (ps_*)'
const USE_LAB_VM = 'vagrant up && vagrant ssh   # (the lab VM from this repository)'

const readText = (p: string): Promise<string> => readFile(p, 'utf8').catch(() => '')
const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)
const lexists = (p: string): Promise<boolean> => lstat(p).then(() => true, () => false)

async function onPath(cmd: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (dir && (await access(`${dir}/${cmd}`, constants.X_OK).then(() => true, () => false))) return true
  }
  return false
}

// One throw-away network namespace proves netns, veth and bridge support; it vanishes with the process.
const KERNEL_PROBE = 'ip link add bl_doc_v0 type veth peer name bl_doc_v1 && echo veth; ip link add bl_doc_br0 type bridge && echo bridge'

export async function runDoctor(opts: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const lang = opts.lang ?? 'ja'
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en)
  const procDir = opts.nsPid ? `/proc/${opts.nsPid}` : '/proc/self'
  const fsRoot = opts.nsPid ? `/proc/${opts.nsPid}/root` : ''
  const inNs = (cmd: string, args: string[]): Promise<ToolResult> =>
    opts.nsPid ? runTool('nsenter', [`--target=${opts.nsPid}`, '--net', '--mount', '--', cmd, ...args]) : runTool(cmd, args)
  const isRoot = process.getuid?.() === 0

  const [ipV, btrfsV, unshareV, probe, bridgeJson, mounts, filesystems, procCgroups, cgMounts] = await Promise.all([
    runTool('ip', ['-V']),
    runTool('btrfs', ['--version']),
    runTool('unshare', ['--version']),
    isRoot ? runTool('unshare', ['--net', 'sh', '-c', KERNEL_PROBE]) : Promise.resolve(undefined),
    inNs('ip', ['-j', 'addr', 'show', 'dev', BRIDGE]),
    readText(`${procDir}/mounts`),
    readText('/proc/filesystems'),
    readText('/proc/cgroups'),
    cgroupMounts(procDir),
  ])
  const checks: DoctorCheck[] = []
  const add = (c: DoctorCheck): void => void checks.push(c)

  add({ id: 'root', ok: isRoot, blocking: true,
    detail: isRoot ? t('root で実行中', 'running as root') : t('root ではありません (bocker は root で動きます)', 'not root (bocker runs as root)'),
    fix: 'sudo bocker-learn doctor' })

  const noProbe = t('root でないと確かめられません', 'cannot check without root')
  const netnsOk = (await exists('/proc/self/ns/net')) && probe !== undefined && probe.code !== 127 && !/unshare failed|Operation not permitted/.test(probe.stderr)
  add({ id: 'kernel-netns', ok: netnsOk, blocking: true,
    detail: probe === undefined ? noProbe : netnsOk ? t('network namespace を作れます', 'network namespaces work') : t(`network namespace を作れません: ${probe.stderr.trim()}`, `cannot create a network namespace: ${probe.stderr.trim()}`),
    fix: USE_LAB_VM })
  for (const kind of ['veth', 'bridge'] as const) {
    const ok = probe !== undefined && probe.stdout.split('\n').includes(kind)
    add({ id: `kernel-${kind}`, ok, blocking: true,
      detail: probe === undefined ? noProbe : ok ? t(`${kind} を作れます`, `${kind} devices work`) : t(`カーネルが ${kind} に対応していません`, `the kernel cannot create ${kind} devices`),
      fix: USE_LAB_VM })
  }
  const btrfsFs = /\bbtrfs\b/.test(filesystems) || (await exists(`/lib/modules/${release()}/kernel/fs/btrfs`))
  add({ id: 'kernel-btrfs', ok: btrfsFs, blocking: true,
    detail: btrfsFs ? t('btrfs に対応しています', 'btrfs is supported') : t('カーネルに btrfs がありません', 'the kernel has no btrfs'), fix: USE_LAB_VM })
  const loop = (await exists('/dev/loop-control')) || (await exists('/sys/module/loop'))
  add({ id: 'kernel-loop', ok: loop, blocking: true,
    detail: loop ? t('loop デバイスが使えます', 'loop devices are available') : t('loop デバイスがありません', 'no loop device support'), fix: USE_LAB_VM })

  add({ id: 'tool-ip', ok: ipV.ok, blocking: true,
    detail: ipV.ok ? ipV.stdout.trim() : t('ip (iproute2) がありません', 'ip (iproute2) is missing'), fix: SETUP_PACKAGES })
  add({ id: 'tool-btrfs', ok: btrfsV.ok, blocking: true,
    detail: btrfsV.ok ? btrfsV.stdout.trim() : t('btrfs (btrfs-progs) がありません', 'btrfs (btrfs-progs) is missing'), fix: SETUP_PACKAGES })
  const ul = parseUtilLinuxVersion(unshareV.stdout)
  const ulOk = ul !== undefined && versionAtLeast(ul, [2, 24, 0])
  add({ id: 'tool-unshare', ok: ulOk, blocking: true,
    detail: ul === undefined ? t('unshare (util-linux) がありません', 'unshare (util-linux) is missing')
      : ulOk ? t(`util-linux ${ul.join('.')} (-f と --mount-proc は 2.24 から)`, `util-linux ${ul.join('.')} (-f and --mount-proc need 2.24)`)
        : t(`util-linux ${ul.join('.')} は古すぎます (2.24 以上が必要)`, `util-linux ${ul.join('.')} is too old (need >= 2.24)`),
    fix: SETUP_PACKAGES })
  const cgTools = ['cgcreate', 'cgset', 'cgexec']
  const missingCg = (await Promise.all(cgTools.map(async (c) => ((await onPath(c)) ? undefined : c)))).filter((c) => c !== undefined)
  add({ id: 'tool-cgroup-tools', ok: missingCg.length === 0, blocking: true,
    detail: missingCg.length === 0 ? 'cgcreate, cgset, cgexec' : t(`ありません: ${missingCg.join(', ')} (cgroup-tools)`, `missing: ${missingCg.join(', ')} (cgroup-tools)`),
    fix: SETUP_PACKAGES })

  const fsType = mountedFsType(mounts, BTRFS_PATH)
  add({ id: 'btrfs-mount', ok: fsType === 'btrfs', blocking: true,
    detail: fsType === 'btrfs' ? t(`${BTRFS_PATH} は btrfs です`, `${BTRFS_PATH} is btrfs`)
      : fsType ? t(`${BTRFS_PATH} は ${fsType} です (btrfs が必要)`, `${BTRFS_PATH} is ${fsType}, not btrfs`)
        : t(`${BTRFS_PATH} に btrfs がマウントされていません`, `nothing is mounted on ${BTRFS_PATH}`),
    fix: SETUP })
  const free = fsType === 'btrfs' ? freeMiB(`${fsRoot}${BTRFS_PATH}`) ?? 0 : undefined
  add({ id: 'btrfs-space', ok: free !== undefined && free >= MIN_FREE_MIB, blocking: true,
    detail: free === undefined ? t(`${BTRFS_PATH} に btrfs がないので空きを測れません`, `no btrfs on ${BTRFS_PATH} to measure`)
      : free >= MIN_FREE_MIB ? t(`${BTRFS_PATH} の空き ${free} MiB`, `${free} MiB free on ${BTRFS_PATH}`)
        : t(`${BTRFS_PATH} がいっぱいです (空き ${free} MiB、${MIN_FREE_MIB} MiB 以上必要)`, `${BTRFS_PATH} is full (${free} MiB free, need ${MIN_FREE_MIB} MiB)`),
    fix: free === undefined ? SETUP : RESET, because: free === undefined ? 'btrfs-mount' : undefined })

  const bridge = parseBridge(bridgeJson.ok ? bridgeJson.stdout : '')
  const want = `${GATEWAY}/24`
  const bridgeOk = bridge.exists && bridge.up && bridge.addresses.includes(want)
  add({ id: 'bridge', ok: bridgeOk, blocking: true,
    detail: !bridge.exists ? t(`${BRIDGE} がありません`, `${BRIDGE} does not exist`)
      : !bridge.addresses.includes(want) ? t(`${BRIDGE} に ${want} がありません (${bridge.addresses.join(', ') || 'アドレスなし'})`, `${BRIDGE} lacks ${want} (has ${bridge.addresses.join(', ') || 'no address'})`)
        : !bridge.up ? t(`${BRIDGE} が down です`, `${BRIDGE} is down`) : t(`${BRIDGE} ${want} up`, `${BRIDGE} ${want} up`),
    fix: SETUP })

  add(await cgroupCheck(fsRoot, procCgroups, cgMounts.filter((m) => m.version === 1).flatMap((m) => m.controllers), t))

  const image = `${BTRFS_PATH}/${BASE_IMAGE}`
  const imageOk = await lexists(`${fsRoot}${image}/bin/sh`)
  add({ id: 'base-image', ok: imageOk, blocking: true,
    detail: imageOk ? t(`ベースイメージ ${image} があります`, `base image ${image} is present`) : t(`ベースイメージ ${image} がありません`, `base image ${image} is missing`),
    fix: SETUP, because: fsType !== 'btrfs' ? 'btrfs-mount' : undefined })

  const nodeMajor = Number(process.versions.node.split('.')[0])
  add({ id: 'node', ok: nodeMajor >= 20, blocking: true,
    detail: `Node.js ${process.versions.node}${nodeMajor >= 20 ? '' : t(' (20 以上が必要)', ' (need >= 20)')}`,
    fix: t('Node.js 20 以上を入れてください (Debian 13: apt-get install nodejs)', 'install Node.js 20+ (Debian 13: apt-get install nodejs)') })

  const marker = await exists(`${fsRoot}${LAB_MARKER}`)
  add({ id: 'lab-marker', ok: marker, blocking: false,
    detail: marker ? t('使い捨ての実習 VM です', 'this is a throw-away lab VM')
      : t(`${LAB_MARKER} がありません: コンテナは root で動きます。使い捨て VM で使ってください`, `${LAB_MARKER} is missing: containers run as root; use a throw-away VM`),
    fix: SETUP })
  return checks
}

async function cgroupCheck(fsRoot: string, procCgroups: string, v1Mounted: string[], t: (ja: string, en: string) => string): Promise<DoctorCheck> {
  const root = `${fsRoot}${CGROUP_ROOT}`
  const mode = detectCgroupMode(root)
  const hybrid = mode === 'v1' && (await exists(`${root}/unified/cgroup.controllers`))
  const state = mode === 'v2' ? v2Controllers(await readText(`${root}/cgroup.controllers`)) : v1Controllers(procCgroups, v1Mounted)
  const needed = mode === 'v2' ? (['cpu', 'memory'] as const) : (['cpu', 'cpuacct', 'memory'] as const)
  const missing = needed.filter((c) => !state[c])
  const label = mode === 'v2' ? 'cgroup v2' : hybrid ? 'cgroup v1 (hybrid)' : 'cgroup v1'
  return {
    id: 'cgroup', ok: missing.length === 0, blocking: true,
    detail: missing.length === 0 ? t(`${label}: ${needed.join(', ')} が使えます`, `${label}: ${needed.join(', ')} usable`)
      : t(`${label}: ${missing.join(', ')} コントローラが使えません`, `${label}: controller(s) ${missing.join(', ')} not usable`),
    fix: USE_LAB_VM,
  }
}
