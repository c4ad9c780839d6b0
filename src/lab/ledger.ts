// The ledger: every uuid a run claims is written to disk before its first resource exists, so
// that after Ctrl-C, SIGTERM, SIGHUP or even SIGKILL, `reset` (and the next run) can clean up.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { isAlive } from './alive.js'
import { withLock } from './lock.js'
import { LEDGER_DIR } from './paths.js'
import { UUID_RE } from './uuid-space.js'

export interface LedgerEntry {
  uuid: string
  pid: number
  startedAt: string
  ip: string
  lesson: string
  kept?: boolean
}

const entryFile = (uuid: string): string => `${LEDGER_DIR}/${uuid}.json`
// held for the few milliseconds of a claim, so that two runs never hold the same IP; the ledger
// itself is only <uuid>.json files, which is all `reset` has to remove
export const CLAIM_LOCK = `${LEDGER_DIR}/.claim-lock`

export function readLedger(): LedgerEntry[] {
  let files: string[] = []
  try {
    files = readdirSync(LEDGER_DIR)
  } catch {
    return []
  }
  const entries: LedgerEntry[] = []
  for (const f of files) {
    if (!f.endsWith('.json') || !UUID_RE.test(f.slice(0, -5))) continue
    try {
      entries.push(JSON.parse(readFileSync(`${LEDGER_DIR}/${f}`, 'utf8')) as LedgerEntry)
    } catch {
      /* half-written: ignored, reset removes it */
    }
  }
  return entries
}

export { isAlive }

/** Runs that died without cleaning up (their owner is gone and they were not kept on purpose). */
export function orphans(): LedgerEntry[] {
  return readLedger().filter(e => !e.kept && !isAlive(e.pid))
}

/** The live run (not a kept container) that holds this IP, if any. */
export function ipHolder(ip: string): LedgerEntry | undefined {
  return readLedger().find(e => e.ip === ip && !e.kept && isAlive(e.pid))
}

/**
 * Claim a uuid and its IP, atomically against other runs: refused when a live run (not kept) holds
 * the IP (holder) or the uuid is in the ledger already. A kept container's veth and netns are gone,
 * so its IP is free again; a dead run's IP is free once its netns is gone (the caller checks the netns).
 */
export function claim(entry: LedgerEntry): { ok: true } | { ok: false; holder?: LedgerEntry } {
  mkdirSync(LEDGER_DIR, { recursive: true })
  return withLock(CLAIM_LOCK, () => {
    const holder = ipHolder(entry.ip)
    if (holder) return { ok: false, holder }
    try {
      writeFileSync(entryFile(entry.uuid), JSON.stringify(entry), { flag: 'wx' })
      return { ok: true }
    } catch {
      return { ok: false }
    }
  })
}

/** The container stays on purpose (like bocker's): its veth and netns are gone, so its IP is free. */
export function markKept(uuid: string): void {
  const entry = readLedger().find(e => e.uuid === uuid)
  if (!entry) return
  writeFileSync(entryFile(uuid), JSON.stringify({ ...entry, kept: true }))
}

export function release(entry: Pick<LedgerEntry, 'uuid'>): void {
  rmSync(entryFile(entry.uuid), { force: true })
}
