// Subvolumes under /var/bocker: found by reading the directory (a subvolume root is inode 256),
// with ids and snapshot parents from one `btrfs subvolume list` run only when the set changed.
import { open, readdir, stat, statfs } from 'node:fs/promises'
import type { Host } from '../../core/host.js'
import { isImage, isUuid } from '../../lab/names.js'
import { type ProbeEnv, probeEnv } from './env.js'

const BTRFS_SUPER_MAGIC = 0x9123683e
const SUBVOLUME_ROOT_INODE = 256
/** how much of each file is kept: enough for resolv.conf, a .cmd and the head of a .log */
export const FILE_HEAD_BYTES = 2048

export interface FileInfo {
  size: number
  head: string
}
export interface Subvolume {
  name: string
  id?: number
  uuid?: string
  parentUuid?: string
  snapshotOf?: string // name of the subvolume it was snapshotted from, when that still exists
  files: Record<string, FileInfo> // path inside the subvolume → size and first bytes
}
export interface BtrfsState {
  root: string
  mounted: boolean
  listed: boolean
  subvolumes: Subvolume[]
}

export interface ListedSubvolume {
  id: number
  name: string
  uuid: string
  parentUuid?: string
}

/** stdout of `btrfs subvolume list -u -q ROOT` (btrfs-progs 6.2) */
export function parseSubvolumeList(stdout: string): ListedSubvolume[] {
  const line = /^ID (\d+) gen \d+ top level \d+ parent_uuid (\S+)\s+uuid (\S+) path (.+)$/
  const out: ListedSubvolume[] = []
  for (const l of stdout.split('\n')) {
    const m = line.exec(l.trim())
    if (!m) continue
    const [, id = '0', parent = '-', uuid = '', path = ''] = m
    out.push({ id: Number(id), name: path, uuid, ...(parent !== '-' ? { parentUuid: parent } : {}) })
  }
  return out
}

/** the files bocker writes or reads in a subvolume named `name` */
export function filesOfInterest(name: string): string[] {
  // a container inherits its image's img.source: showing it again there is noise
  return name.startsWith('img_') ? ['img.source'] : ['etc/resolv.conf', `${name}.cmd`, `${name}.log`]
}

async function readHead(path: string): Promise<FileInfo | undefined> {
  try {
    const fh = await open(path, 'r')
    try {
      const { size } = await fh.stat()
      const buf = Buffer.alloc(Math.min(size, FILE_HEAD_BYTES))
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
      return { size, head: buf.subarray(0, bytesRead).toString('utf8') }
    } finally {
      await fh.close()
    }
  } catch {
    return undefined
  }
}

// One cache per host, so a test's fake answers never leak into another test (or into the real host's).
const listCaches = new WeakMap<Host, { key: string; listed: ListedSubvolume[] }>()

/**
 * ids, uuids and snapshot parents, from `btrfs subvolume list`, run again only when `key` (the subvolumes
 * seen and their birth times) changed; undefined when it cannot be run: not root, or btrfs failed.
 */
export async function listSubvolumes(
  env: Pick<ProbeEnv, 'host' | 'root'>,
  root: string,
  key: string,
): Promise<ListedSubvolume[] | undefined> {
  if (!env.root) return undefined // the TREE_SEARCH ioctl behind `btrfs subvolume list` needs root
  const cached = listCaches.get(env.host)
  if (cached?.key === key) return cached.listed
  const r = await env.host('btrfs', ['subvolume', 'list', '-u', '-q', root])
  if (!r.ok) return undefined
  const listed = parseSubvolumeList(r.stdout)
  listCaches.set(env.host, { key, listed })
  return listed
}

type Found = { name: string; files: Record<string, FileInfo> }

/** the subvolumes found on disk, with what the listing says of them (when there is one) */
export function withListing(found: Found[], listed: ListedSubvolume[] | undefined): Subvolume[] {
  const byName = new Map(listed?.map(s => [s.name, s]))
  const byUuid = new Map(listed?.map(s => [s.uuid, s]))
  return found.map(({ name, files }) => {
    const l = byName.get(name)
    const parent = l?.parentUuid ? byUuid.get(l.parentUuid) : undefined
    return {
      name,
      files,
      ...(l ? { id: l.id, uuid: l.uuid } : {}),
      ...(l?.parentUuid ? { parentUuid: l.parentUuid } : {}),
      ...(parent ? { snapshotOf: parent.name } : {}),
    }
  })
}

async function filesOf(root: string, name: string): Promise<Record<string, FileInfo>> {
  const files: Record<string, FileInfo> = {}
  for (const rel of filesOfInterest(name)) {
    const info = await readHead(`${root}/${name}/${rel}`)
    if (info) files[rel] = info
  }
  return files
}

export async function readBtrfs(env: ProbeEnv = probeEnv()): Promise<BtrfsState> {
  const root = env.places.btrfs
  const empty: BtrfsState = { root, mounted: false, listed: false, subvolumes: [] }
  try {
    if ((await statfs(root)).type !== BTRFS_SUPER_MAGIC) return empty
  } catch {
    return empty
  }
  const found: { name: string; born: number }[] = []
  for (const name of (await readdir(root)).filter(n => isUuid(n) || isImage(n)).sort()) {
    try {
      const st = await stat(`${root}/${name}`, { bigint: false })
      if (st.isDirectory() && st.ino === SUBVOLUME_ROOT_INODE) found.push({ name, born: st.birthtimeMs })
    } catch {
      /* removed meanwhile */
    }
  }
  // Birth time tells a re-created subvolume of the same name from the old one.
  const [listed, withFiles] = await Promise.all([
    listSubvolumes(env, root, `${root} ${found.map(f => `${f.name}@${f.born}`).join(' ')}`),
    Promise.all(found.map(async ({ name }) => ({ name, files: await filesOf(root, name) }))),
  ])
  return { root, mounted: true, listed: listed !== undefined, subvolumes: withListing(withFiles, listed) }
}
