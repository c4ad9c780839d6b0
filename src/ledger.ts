// The ledger: every uuid a run claims is written to disk before its first resource exists, so
// that after Ctrl-C, SIGTERM, SIGHUP or even SIGKILL, `reset` (and the next run) can clean up.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { LEDGER_DIR } from './lab/paths.js'
import { UUID_RE } from './lab/naming.js'

export interface LedgerEntry { uuid: string, pid: number, startedAt: string, ip: string, lesson: string, kept?: boolean }

const entryFile = (uuid: string): string => `${LEDGER_DIR}/${uuid}.json`
const ipFile = (ip: string): string => `${LEDGER_DIR}/ip-${ip}`

export function readLedger (): LedgerEntry[] {
  let files: string[] = []
  try { files = readdirSync(LEDGER_DIR) } catch { return [] }
  const entries: LedgerEntry[] = []
  for (const f of files) {
    if (!f.endsWith('.json') || !UUID_RE.test(f.slice(0, -5))) continue
    try { entries.push(JSON.parse(readFileSync(`${LEDGER_DIR}/${f}`, 'utf8')) as LedgerEntry) } catch { /* half-written: ignored, reset removes it */ }
  }
  return entries
}

export const isAlive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
}

/** Runs that died without cleaning up (their owner is gone and they were not kept on purpose). */
export function orphans (): LedgerEntry[] {
  return readLedger().filter(e => !e.kept && !isAlive(e.pid))
}

/** Atomically claim a uuid and its IP (O_EXCL); false when another run holds either. */
export function claim (entry: LedgerEntry): boolean {
  mkdirSync(LEDGER_DIR, { recursive: true })
  const holders = new Map(readLedger().map(e => [e.uuid, e]))
  try {
    writeFileSync(ipFile(entry.ip), entry.uuid, { flag: 'wx' })
  } catch {
    // a stale IP lock (its run is gone or kept) may be taken over
    let owner = ''
    try { owner = readFileSync(ipFile(entry.ip), 'utf8') } catch { return false }
    const holder = holders.get(owner)
    if (holder && !holder.kept && isAlive(holder.pid)) return false
    writeFileSync(ipFile(entry.ip), entry.uuid)
  }
  try {
    writeFileSync(entryFile(entry.uuid), JSON.stringify(entry), { flag: 'wx' })
    return true
  } catch {
    rmSync(ipFile(entry.ip), { force: true })
    return false
  }
}

/** The container stays on purpose (like bocker's): its veth and netns are gone, so its IP is free. */
export function markKept (uuid: string): void {
  const entry = readLedger().find(e => e.uuid === uuid)
  if (!entry) return
  writeFileSync(entryFile(uuid), JSON.stringify({ ...entry, kept: true }))
  rmSync(ipFile(entry.ip), { force: true })
}

export function release (entry: Pick<LedgerEntry, 'uuid' | 'ip'>): void {
  rmSync(entryFile(entry.uuid), { force: true })
  rmSync(ipFile(entry.ip), { force: true })
}
