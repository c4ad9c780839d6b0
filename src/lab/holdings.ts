// What a run made besides its container: the temporary directory a pull downloads into and the image
// it is making. Written down before they exist, like the ledger, so that after a quit, a crash or
// SIGKILL nothing half-made stays: the run's teardown, the next run, or `reset` removes them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { type Host, realHost } from '../core/host.js'
import { isAlive } from './alive.js'
import { CLAIM_LOCK } from './ledger.js'
import { withLock } from './lock.js'
import { isImage } from './names.js'
import { BTRFS_PATH, LEDGER_DIR } from './paths.js'
import type { Removed } from './removed.js'
import { deleteSubvolume } from './subvolume.js'

export interface Holdings {
  pid: number
  lesson: string
  /** bocker's /tmp/$tmp_uuid (a uuidgen value) */
  tmpIds: string[]
  /** img_NNNNN being made: free when drawn, so anything there is this run's */
  images: string[]
}

export const TMP_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const FILE_RE = /^held-(\d+)\.json$/
const fileOf = (pid: number): string => `${LEDGER_DIR}/held-${pid}.json`

function read(pid: number): Holdings | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(pid), 'utf8')) as Holdings
  } catch {
    return undefined
  }
}

function write(h: Holdings): void {
  mkdirSync(LEDGER_DIR, { recursive: true })
  if (h.tmpIds.length === 0 && h.images.length === 0) rmSync(fileOf(h.pid), { force: true })
  else writeFileSync(fileOf(h.pid), JSON.stringify(h))
}

export function hold(lesson: string, kind: 'tmpIds' | 'images', value: string, pid = process.pid): void {
  const h = read(pid) ?? { pid, lesson, tmpIds: [], images: [] }
  if (!h[kind].includes(value)) h[kind].push(value)
  write(h)
}

/** The image is finished: it stays, like every image bocker makes. */
export function letGo(kind: 'tmpIds' | 'images', value: string, pid = process.pid): void {
  const h = read(pid)
  if (h) write({ ...h, [kind]: h[kind].filter(v => v !== value) })
}

export const heldBy = (pid = process.pid): Holdings | undefined => read(pid)

/** The pids that have a holdings file. */
function holders(): number[] {
  try {
    return readdirSync(LEDGER_DIR)
      .map(n => FILE_RE.exec(n)?.[1])
      .filter(p => p !== undefined)
      .map(Number)
  } catch {
    return []
  }
}

/** Holdings of runs that are gone. */
export function deadHoldings(): Holdings[] {
  return holders()
    .filter(p => !isAlive(p))
    .map(p => read(p) ?? { pid: p, lesson: '?', tmpIds: [], images: [] })
}

/** Removes what the run held: its temp dirs (and their `<id>-<word>` siblings) and its unfinished images. */
export async function removeHoldings(h: Holdings, host: Host = realHost, tmp = '/tmp', btrfs = BTRFS_PATH): Promise<Removed[]> {
  const removed: Removed[] = []
  const inTmp = await readdir(tmp).catch(() => [] as string[])
  for (const id of h.tmpIds.filter(i => TMP_ID_RE.test(i))) {
    for (const name of inTmp.filter(n => n === id || new RegExp(`^${id}-[a-z0-9]+$`).test(n))) {
      await rm(`${tmp}/${name}`, { recursive: true, force: true })
      removed.push({ what: 'temp-dir', name: `${tmp}/${name}`, ok: true })
    }
  }
  for (const image of h.images.filter(isImage)) {
    const path = `${btrfs}/${image}`
    const there = await readdir(path).then(
      () => true,
      () => false,
    )
    if (there) removed.push(await deleteSubvolume(host, 'image', path))
    // an experiment's scratch space named after the image (.bl_scratch_img_42042), subvolumes inside
    for (const name of (await readdir(btrfs).catch(() => [] as string[])).filter(n => new RegExp(`^\\.bl_[a-z]+_${image}$`).test(n))) {
      const dir = `${btrfs}/${name}`
      for (const sub of await readdir(dir).catch(() => [] as string[])) await host('btrfs', ['subvolume', 'delete', `${dir}/${sub}`])
      await rm(dir, { recursive: true, force: true })
      removed.push({ what: 'subvolume', name: dir, ok: true })
    }
  }
  rmSync(fileOf(h.pid), { force: true })
  return removed
}

/** An image id for this run: refused if it exists or another live run is making it. */
export function claimImage(lesson: string, uuid: string, pid = process.pid): { ok: true } | { ok: false; path: string } {
  const path = `${BTRFS_PATH}/${uuid}`
  // an image id and a container's uuid are claimed one run at a time
  return withLock(CLAIM_LOCK, () => {
    const others = liveHoldings().filter(h => h.pid !== pid)
    if (existsSync(path) || others.some(h => h.images.includes(uuid))) return { ok: false as const, path }
    hold(lesson, 'images', uuid, pid)
    return { ok: true as const }
  })
}

function liveHoldings(): Holdings[] {
  return holders()
    .filter(isAlive)
    .map(p => read(p))
    .filter(h => h !== undefined)
}
