// What a lesson's experiments left for one container when the run was killed before its teardown:
// cgroups, sandbox namespaces and scratch subvolumes named after the container id, and mounts under
// its subvolume. Only names made from the id are touched.
import { readdir, readFile, rm } from 'node:fs/promises'
import type { Host } from '../core/host.js'
import { removeCgroupDir } from './cgroup-dir.js'
import { cgroupMounts } from './cgroup-mounts.js'
import { uuidOfExperimentCgroup, uuidOfExperimentDir, uuidOfExperimentNetns } from './names.js'
import type { Places } from './paths.js'
import { killHard, pidsInCgroup, pidsInNetns, waitGone } from './processes.js'
import type { Removed } from './removed.js'

const list = (dir: string): Promise<string[]> => readdir(dir).catch(() => [] as string[])

export async function removeExperiments(uuid: string, host: Host, places: Places): Promise<Removed[]> {
  const removed: Removed[] = []
  for (const m of await cgroupMounts(places.procSelf, places.cgroupRoot)) {
    for (const name of (await list(m.path)).filter(n => uuidOfExperimentCgroup(n) === uuid)) {
      const dir = `${m.path}/${name}`
      const pids = await pidsInCgroup(dir)
      for (const p of pids) killHard(p)
      await waitGone(pids)
      const r = await removeCgroupDir(dir)
      if (r) removed.push(r)
    }
  }
  for (const name of (await list(places.netnsDir)).filter(n => uuidOfExperimentNetns(n) === uuid)) {
    const pids = await pidsInNetns(`${places.netnsDir}/${name}`)
    for (const p of pids) killHard(p)
    await waitGone(pids)
    const r = await host('ip', ['netns', 'del', name])
    removed.push(r.ok ? { what: 'netns', name, ok: true } : { what: 'netns', name, ok: false, reason: r.stderr.trim() })
  }
  // mounts an experiment made under the container's subvolume (deepest first)
  const mounts = (await readFile(`${places.procSelf}/mounts`, 'utf8').catch(() => ''))
    .split('\n')
    .map(l => l.split(' ')[1] ?? '')
    .filter(t => t.startsWith(`${places.btrfs}/${uuid}/`))
    .sort()
    .reverse()
  for (const t of mounts) await host('umount', ['-l', t])
  for (const name of (await list(places.btrfs)).filter(n => uuidOfExperimentDir(n) === uuid)) {
    const dir = `${places.btrfs}/${name}`
    for (const sub of await list(dir)) await host('btrfs', ['subvolume', 'delete', `${dir}/${sub}`])
    await rm(dir, { recursive: true, force: true })
    removed.push({ what: 'subvolume', name: dir, ok: true })
  }
  return removed
}
