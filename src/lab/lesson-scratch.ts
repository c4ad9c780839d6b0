// A lesson's own scratch in /tmp is named with its shell's pid (/tmp/bl_sigpipe_$$, /tmp/bl_logs_$$.out)
// or with the container it is about (/tmp/bl_commit_$1.made). The lesson's teardown removes it; after
// a SIGKILL there is no teardown, so `reset` and the next run remove it: by the pid the run wrote in
// its session folder, or with the container. Mounts inside go first (a loop btrfs).
import { readdir, readFile, rm } from 'node:fs/promises'
import { type Host, realHost } from '../core/host.js'
import { isImage } from './names.js'
import { BTRFS_PATH } from './paths.js'
import type { Removed } from './removed.js'
import { deleteSubvolume } from './subvolume.js'

/** the mount points at `path` or below it, deepest first */
async function mountsUnder(path: string, mountinfo = '/proc/self/mountinfo'): Promise<string[]> {
  const text = await readFile(mountinfo, 'utf8').catch(() => '')
  return text
    .split('\n')
    .map(line => line.split(' ')[4])
    .filter((m): m is string => m !== undefined && (m === path || m.startsWith(`${path}/`)))
    .sort((a, b) => b.length - a.length)
}

/** `owner`: a shell's pid, or a container's uuid (ps_42042): never a pattern */
export function isScratchOf(owner: number | string, name: string): boolean {
  if (!/^[a-z0-9_]+$/.test(String(owner)) || !new RegExp(`^bl_[a-z0-9_]+_${owner}(\\.[a-z]+)?$`).test(name)) return false
  // pid 42133 is not the owner of /tmp/bl_commit_ps_42133.made: container ps_42133 is
  return typeof owner === 'string' || !new RegExp(`_ps_${owner}(\\.[a-z]+)?$`).test(name)
}

/**
 * The images made from these scratch directories: `bocker init` writes the path as img.source, and an
 * exercise that chooses its own source names the folder last ("made by hand in /tmp/bl_ex_images_42").
 * Finished before the kill, the run never recorded them; its teardown would have removed them.
 */
async function imagesFrom(paths: string[], btrfs: string): Promise<string[]> {
  if (paths.length === 0) return []
  const found: string[] = []
  for (const name of (await readdir(btrfs).catch(() => [] as string[])).filter(isImage)) {
    // `bocker init /tmp/bl_ex_init_42/` (tab completion) writes the slash too
    const source = (await readFile(`${btrfs}/${name}/img.source`, 'utf8').catch(() => '')).trim().replace(/\/+$/, '')
    if (paths.some(p => source === p || source.endsWith(` ${p}`))) found.push(`${btrfs}/${name}`)
  }
  return found
}

export async function removeScratchOf(owner: number | string, host: Host = realHost, tmp = '/tmp', btrfs = BTRFS_PATH): Promise<Removed[]> {
  const removed: Removed[] = []
  for (const name of (await readdir(tmp).catch(() => [] as string[])).filter(n => isScratchOf(owner, n))) {
    const path = `${tmp}/${name}`
    let stuck = false
    for (const m of await mountsUnder(path)) {
      if (!(await host('umount', [m])).ok && !(await host('umount', ['-l', m])).ok) stuck = true
    }
    // never rm -r into something still mounted
    if (stuck) {
      removed.push({ what: 'temp-dir', name: path, ok: false, reason: 'busy' })
      continue
    }
    await rm(path, { recursive: true, force: true })
    removed.push({ what: 'temp-dir', name: path, ok: true })
  }
  const gone = removed.filter(r => r.ok).map(r => r.name)
  for (const image of await imagesFrom(gone, btrfs)) removed.push(await deleteSubvolume(host, 'image', image))
  return removed
}
