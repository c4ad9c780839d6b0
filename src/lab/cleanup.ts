import { access, rm, rmdir, writeFile } from 'node:fs/promises'
import { UsageError } from '../core/errors.js'
import { cgroupMounts } from './cgroup-mounts.js'
import { hostVeth, isUuid, netnsName, peerVeth } from './names.js'
import { BTRFS_PATH } from './paths.js'
import { commandName, killHard, pidsInCgroup, pidsInNetns, waitGone } from './processes.js'
import { runTool } from './tool.js'

const NETNS_DIR = '/run/netns'
const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false)
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function assertUuid(uuid: string): void {
  if (!isUuid(uuid)) throw new UsageError(`not a bocker container id: '${uuid}' (expected ps_ followed by 5 digits, e.g. ps_42032)`)
}

/** Every cgroup directory named `uuid`, in every v1 hierarchy and in cgroup2. */
export async function cgroupDirsOf(uuid: string): Promise<{ dir: string; version: 1 | 2 }[]> {
  const found: { dir: string; version: 1 | 2 }[] = []
  for (const m of await cgroupMounts()) {
    const dir = `${m.path}/${uuid}`
    if (!found.some((f) => f.dir === dir) && (await exists(dir))) found.push({ dir, version: m.version })
  }
  return found
}

// rmdir of a cgroup fails with EBUSY until its killed tasks have really exited.
async function removeCgroupDir(dir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await rmdir(dir)
      return true
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return false
      if (code !== 'EBUSY') throw e
      await sleep(40)
    }
  }
  return false
}

async function killContainerProcesses(uuid: string, cgroups: { dir: string; version: 1 | 2 }[]): Promise<string[]> {
  const lines: string[] = []
  const pids = new Set(await pidsInNetns(`${NETNS_DIR}/${netnsName(uuid)}`))
  for (const c of cgroups) for (const p of await pidsInCgroup(c.dir)) pids.add(p)
  for (const pid of pids) {
    const name = await commandName(pid)
    if (killHard(pid)) lines.push(`killed process ${pid} (${name}) of ${uuid}`)
  }
  for (const c of cgroups.filter((c) => c.version === 2)) {
    await writeFile(`${c.dir}/cgroup.kill`, '1').catch(() => undefined) // kernel >= 5.14; the kill above covers older ones
  }
  await waitGone([...pids])
  return lines
}

/**
 * Removes what bocker left for exactly one container: its processes, veth pair and netns,
 * and (unless keepContainer) its cgroups and btrfs subvolume. Absent pieces are skipped.
 * Returns one human-readable line per thing removed.
 */
export async function cleanupContainer(uuid: string, opts: { keepContainer: boolean }): Promise<string[]> {
  assertUuid(uuid)
  const cgroups = await cgroupDirsOf(uuid)
  const lines = await killContainerProcesses(uuid, cgroups)

  for (const link of [hostVeth(uuid), peerVeth(uuid)]) {
    if (!(await exists(`/sys/class/net/${link}`))) continue
    const r = await runTool('ip', ['link', 'del', 'dev', link])
    lines.push(r.ok ? `deleted veth ${link}` : `could not delete veth ${link}: ${r.stderr.trim()}`)
  }
  if (await exists(`${NETNS_DIR}/${netnsName(uuid)}`)) {
    const r = await runTool('ip', ['netns', 'del', netnsName(uuid)])
    lines.push(r.ok ? `deleted netns ${netnsName(uuid)}` : `could not delete netns ${netnsName(uuid)}: ${r.stderr.trim()}`)
  }
  if (opts.keepContainer) return lines

  // One rmdir per hierarchy: `cgdelete -g cpu,cpuacct,memory:X` only removes the first one.
  for (const c of cgroups) {
    if (await removeCgroupDir(c.dir)) lines.push(`removed cgroup ${c.dir}`)
    else if (await exists(c.dir)) lines.push(`could not remove cgroup ${c.dir} (still busy)`)
  }
  const subvolume = `${BTRFS_PATH}/${uuid}`
  if (await exists(subvolume)) {
    const r = await runTool('btrfs', ['subvolume', 'delete', subvolume])
    if (!r.ok) await rm(subvolume, { recursive: true, force: true }) // not a subvolume: a plain directory
    lines.push(`deleted subvolume ${subvolume}`)
  }
  return lines
}
