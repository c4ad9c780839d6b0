// `reset`: find every bocker container's leftovers by their exact names, and remove them.
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type Host, realHost } from '../core/host.js'
import { readProgress } from '../course/progress.js'
import { SESSION_DIR_PREFIX, SESSION_ROOTS, SHELL_PID_FILE } from '../shell/session-files.js'
import { isRunning } from './alive.js'
import { cgroupMounts } from './cgroup-mounts.js'
import { cleanupContainer } from './cleanup.js'
import { deadHoldings, removeHoldings } from './holdings.js'
import { isAlive } from './ledger.js'
import { removeScratchOf } from './lesson-scratch.js'
import {
  isImage,
  isUuid,
  uuidOfExperimentCgroup,
  uuidOfExperimentDir,
  uuidOfExperimentNetns,
  uuidOfLedgerFile,
  uuidOfNetns,
  uuidOfVeth,
} from './names.js'
import { BASE_IMAGE, MACHINE, type Places } from './paths.js'
import { killProcessesOfDeadRuns } from './processes.js'
import { stopOrphanServices, stoppedService } from './registry/services.js'
import type { Removed } from './removed.js'
import { deleteSubvolume } from './subvolume.js'

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
  const ledger = l.ledgerFiles.map(uuidOfLedgerFile).filter(u => u !== undefined)
  const uuids = [
    ...l.btrfsEntries.filter(isUuid),
    ...l.btrfsEntries.map(uuidOfExperimentDir),
    ...l.netns.map(uuidOfExperimentNetns),
    ...l.cgroupEntries.map(uuidOfExperimentCgroup),
    ...l.netns.map(uuidOfNetns).filter(u => u !== undefined),
    ...l.links.map(uuidOfVeth).filter(u => u !== undefined),
    ...l.cgroupEntries.filter(isUuid),
    ...ledger,
  ]
  return {
    uuids: sorted(uuids.filter(u => u !== undefined)),
    images: sorted(l.btrfsEntries.filter(n => isImage(n) && n !== baseImage)),
    ledger: sorted(ledger),
  }
}

export async function listSystem(places: Places = MACHINE): Promise<Listing> {
  const cgroupEntries = (await Promise.all((await cgroupMounts(places.procSelf, places.cgroupRoot)).map(m => list(m.path)))).flat()
  return {
    btrfsEntries: await list(places.btrfs),
    netns: await list(places.netnsDir),
    links: await list(places.sysNet),
    cgroupEntries,
    ledgerFiles: await list(places.ledgerDir),
  }
}

export async function findLeftovers(places: Places = MACHINE): Promise<Leftovers> {
  return groupLeftovers(await listSystem(places))
}

export interface ResetOptions {
  /** also delete img_* other than the base image */
  images: boolean
  /** restrict to these names (tests use it so they never touch a colleague's live container) */
  only?: (name: string) => boolean
  host?: Host
  places?: Places
}

/** Removes every bocker container's leftovers (and images with `images`); returns what it removed. */
export async function runReset(opts: ResetOptions): Promise<Removed[]> {
  const { host = realHost, places = MACHINE } = opts
  const keep = opts.only ?? (() => true)
  const removed: Removed[] = []
  // first: a killed run's shell still finishing its step could make again what is removed below
  if (!opts.only) removed.push(...(await killProcessesOfDeadRuns()))
  const found = await findLeftovers(places)
  for (const uuid of found.uuids.filter(keep)) {
    removed.push(...(await cleanupContainer(uuid, { keepContainer: false, host, places })))
  }
  for (const uuid of found.ledger.filter(keep)) {
    const file = `${places.ledgerDir}/${uuid}.json`
    await rm(file, { force: true })
    removed.push({ what: 'ledger-entry', name: file, ok: true })
  }
  if (!opts.only) {
    removed.push(...(await removeStaleSessionDirs()))
    for (const h of deadHoldings()) removed.push(...(await removeHoldings(h, host)))
    removed.push(...(await stopOrphanServices()).map(stoppedService))
  }
  // the images lessons made are bocker-learn's; --images removes every other one too
  const made = new Set(opts.images ? found.images : places === MACHINE ? madeImages().filter(i => found.images.includes(i)) : [])
  for (const image of [...made].filter(keep)) removed.push(await deleteSubvolume(host, 'image', `${places.btrfs}/${image}`))
  return removed
}

const madeImages = (): string[] => readProgress().madeImages ?? []

/** The step files of runs that were killed (SIGKILL leaves them): /dev/shm or /tmp/bocker-learn-<dead pid>-* */
export async function removeStaleSessionDirs(dirs = SESSION_ROOTS): Promise<Removed[]> {
  const removed: Removed[] = []
  for (const dir of dirs) removed.push(...(await removeStaleIn(dir)))
  return removed
}

async function removeStaleIn(dir: string): Promise<Removed[]> {
  const removed: Removed[] = []
  const ofDeadRun = new RegExp(`^${SESSION_DIR_PREFIX}(\\d+)-`)
  for (const name of await list(dir)) {
    const pid = ofDeadRun.exec(name)?.[1]
    if (pid === undefined || isAlive(Number(pid))) continue
    const shell = Number(await readFile(join(dir, name, SHELL_PID_FILE), 'utf8').catch(() => ''))
    if (Number.isInteger(shell) && shell > 0) {
      // still running (it finishes its step alone): its scratch is for a later reset, so is its pid
      if (isRunning(shell)) continue
      removed.push(...(await removeScratchOf(shell)))
    }
    await rm(join(dir, name), { recursive: true, force: true })
    removed.push({ what: 'session-dir', name: join(dir, name), ok: true })
  }
  return removed
}
