import { readdir, rm } from 'node:fs/promises'
import { cgroupMounts } from './cgroup-mounts.js'
import { cleanupContainer } from './cleanup.js'
import { isImage, isUuid, uuidOfLedgerFile, uuidOfNetns, uuidOfVeth } from './names.js'
import { BASE_IMAGE, BTRFS_PATH, LEDGER_DIR } from './paths.js'
import { runTool } from './tool.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isAlive } from './ledger.js'
import { SESSION_DIR_PREFIX } from '../shell/session.js'

/** Raw names found on the machine, before any filtering. */
export interface Listing {
  btrfsEntries: string[]
  netns: string[]
  links: string[]
  cgroupEntries: string[]
  ledgerFiles: string[]
}

export interface Leftovers {
  /** container ids with at least one resource or ledger entry left */
  uuids: string[]
  /** images other than the base image */
  images: string[]
  /** container ids that have a ledger file */
  ledger: string[]
}

const list = (dir: string): Promise<string[]> => readdir(dir).catch(() => [] as string[])
const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort()

export function groupLeftovers(l: Listing, baseImage = BASE_IMAGE): Leftovers {
  const ledger = l.ledgerFiles.map(uuidOfLedgerFile).filter((u) => u !== undefined)
  const uuids = [
    ...l.btrfsEntries.filter(isUuid),
    ...l.netns.map(uuidOfNetns).filter((u) => u !== undefined),
    ...l.links.map(uuidOfVeth).filter((u) => u !== undefined),
    ...l.cgroupEntries.filter(isUuid),
    ...ledger,
  ]
  return {
    uuids: sorted(uuids),
    images: sorted(l.btrfsEntries.filter((n) => isImage(n) && n !== baseImage)),
    ledger: sorted(ledger),
  }
}

export async function listSystem(): Promise<Listing> {
  const cgroupEntries = (await Promise.all((await cgroupMounts()).map((m) => list(m.path)))).flat()
  return {
    btrfsEntries: await list(BTRFS_PATH),
    netns: await list('/run/netns'),
    links: await list('/sys/class/net'),
    cgroupEntries,
    ledgerFiles: await list(LEDGER_DIR),
  }
}

export async function findLeftovers(): Promise<Leftovers> {
  return groupLeftovers(await listSystem())
}

export interface ResetOptions {
  /** also delete img_* other than the base image */
  images: boolean
  /** restrict to these names (tests use it so they never touch a colleague's live container) */
  only?: (name: string) => boolean
}

/** Removes every bocker container's leftovers (and images with `images`); returns what it removed. */
export async function runReset(opts: ResetOptions): Promise<string[]> {
  const keep = opts.only ?? (() => true)
  const found = await findLeftovers()
  const lines: string[] = []
  for (const uuid of found.uuids.filter(keep)) {
    lines.push(...(await cleanupContainer(uuid, { keepContainer: false })))
  }
  for (const uuid of found.ledger.filter(keep)) {
    await rm(`${LEDGER_DIR}/${uuid}.json`, { force: true })
    lines.push(`removed ledger entry ${LEDGER_DIR}/${uuid}.json`)
  }
  if (!opts.only) lines.push(...await removeStaleSessionDirs())
  if (opts.images) {
    for (const image of found.images.filter(keep)) {
      const path = `${BTRFS_PATH}/${image}`
      const r = await runTool('btrfs', ['subvolume', 'delete', path])
      if (!r.ok) await rm(path, { recursive: true, force: true })
      lines.push(`deleted image ${path}`)
    }
  }
  return lines
}

/** The step files of runs that were killed (SIGKILL leaves them): /tmp/bocker-learn-<dead pid>-* */
export async function removeStaleSessionDirs (): Promise<string[]> {
  const lines: string[] = []
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = new RegExp(`^${SESSION_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]
    if (pid === undefined || isAlive(Number(pid))) continue
    await rm(join(tmpdir(), name), { recursive: true, force: true })
    lines.push(`removed ${join(tmpdir(), name)}`)
  }
  return lines
}
