// Removing what bocker left for one container, piece by piece; each piece is reported as a Removed.

import { writeFile } from 'node:fs/promises'
import { UsageError } from '../core/errors.js'
import { exists } from '../core/exists.js'
import { type Host, realHost } from '../core/host.js'
import { removeCgroupDir } from './cgroup-dir.js'
import { cgroupMounts } from './cgroup-mounts.js'
import { removeExperiments } from './experiments.js'
import { removeScratchOf } from './lesson-scratch.js'
import { hostVeth, isUuid, netnsName, peerVeth } from './names.js'
import { MACHINE, type Places } from './paths.js'
import { commandName, killHard, pidsInCgroup, pidsInNetns, waitGone } from './processes.js'
import type { Removed } from './removed.js'
import { deleteSubvolume } from './subvolume.js'

export function assertUuid(uuid: string): void {
  if (!isUuid(uuid)) throw new UsageError('lab.notUuid', { uuid })
}

interface CgroupDir {
  dir: string
  version: 1 | 2
}

/** Every cgroup directory named `uuid`, in every v1 hierarchy and in cgroup2. */
export async function cgroupDirsOf(uuid: string, places: Places = MACHINE): Promise<CgroupDir[]> {
  const found: CgroupDir[] = []
  for (const m of await cgroupMounts(places.procSelf, places.cgroupRoot)) {
    const dir = `${m.path}/${uuid}`
    if (!found.some(f => f.dir === dir) && (await exists(dir))) found.push({ dir, version: m.version })
  }
  return found
}

async function killContainerProcesses(uuid: string, cgroups: CgroupDir[], places: Places): Promise<Removed[]> {
  const removed: Removed[] = []
  const pids = new Set(await pidsInNetns(`${places.netnsDir}/${netnsName(uuid)}`))
  for (const c of cgroups) for (const p of await pidsInCgroup(c.dir)) pids.add(p)
  for (const pid of pids) {
    const name = await commandName(pid)
    // a kill that fails found the process gone already: nothing to report
    if (killHard(pid)) removed.push({ what: 'process', name, pid, ok: true })
  }
  for (const c of cgroups.filter(c => c.version === 2)) {
    // kernel >= 5.14; the kill above covers older ones. r+ never creates the file where it does not exist.
    await writeFile(`${c.dir}/cgroup.kill`, '1', { flag: 'r+' }).catch(() => undefined)
  }
  await waitGone([...pids])
  return removed
}

async function deleteWith(host: Host, what: 'veth' | 'netns', name: string, args: string[]): Promise<Removed> {
  const r = await host('ip', args)
  return r.ok ? { what, name, ok: true } : { what, name, ok: false, reason: r.stderr.trim() || `exit ${r.code}` }
}

export interface CleanupOptions {
  /** remove only the running part (processes, veth, netns), like bocker leaves a stopped container */
  keepContainer: boolean
  host?: Host
  places?: Places
}

/**
 * Removes what bocker left for exactly one container: its processes, veth pair and netns,
 * and (unless keepContainer) its cgroups and btrfs subvolume. Absent pieces are skipped.
 */
export async function cleanupContainer(uuid: string, opts: CleanupOptions): Promise<Removed[]> {
  assertUuid(uuid)
  const { host = realHost, places = MACHINE } = opts
  const cgroups = await cgroupDirsOf(uuid, places)
  const removed = await killContainerProcesses(uuid, cgroups, places)
  // never bocker's layout: removed even from a kept container
  removed.push(...(await removeExperiments(uuid, host, places)))

  for (const link of [hostVeth(uuid), peerVeth(uuid)]) {
    // deleting veth0 takes its peer along, so veth1 is usually gone by now
    if (await exists(`${places.sysNet}/${link}`)) removed.push(await deleteWith(host, 'veth', link, ['link', 'del', 'dev', link]))
  }
  const netns = netnsName(uuid)
  if (await exists(`${places.netnsDir}/${netns}`)) removed.push(await deleteWith(host, 'netns', netns, ['netns', 'del', netns]))
  if (opts.keepContainer) return removed

  // One rmdir per hierarchy: `cgdelete -g cpu,cpuacct,memory:X` only removes the first one.
  for (const c of cgroups) {
    const r = await removeCgroupDir(c.dir)
    if (r) removed.push(r)
  }
  const subvolume = `${places.btrfs}/${uuid}`
  if (await exists(subvolume)) removed.push(await deleteSubvolume(host, 'subvolume', subvolume))
  // a lesson's scratch about this container (/tmp/bl_commit_<uuid>.made), left by a killed run
  if (places === MACHINE) removed.push(...(await removeScratchOf(uuid, host)))
  return removed
}
