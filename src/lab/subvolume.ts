import { rm } from 'node:fs/promises'
import { exists } from '../core/exists.js'
import type { Host } from '../core/host.js'
import type { Removed } from './removed.js'

/** A btrfs subvolume, or (when it is only a plain directory) the directory. */
export async function deleteSubvolume(host: Host, what: 'subvolume' | 'image', path: string): Promise<Removed> {
  const r = await host('btrfs', ['subvolume', 'delete', path])
  if (!r.ok) await rm(path, { recursive: true, force: true }).catch(() => undefined)
  const there = await exists(path)
  if (r.ok || !there) return { what, name: path, ok: true }
  return { what, name: path, ok: false, reason: r.stderr.trim() || `exit ${r.code}` }
}
