// After the step that picks `uuid`: make sure nothing of it exists, its IP is free, and claim it.
import { bockerIp, liveContainerIps, UUID_RE, uuidInUse } from './lab/uuid-space.js'
import { GATEWAY } from './lab/paths.js'
import { claim, isAlive, readLedger, type LedgerEntry } from './ledger.js'

export type ClaimResult = { ok: true, entry: LedgerEntry } | { ok: false, why: string, fix: string }

/** bocker's draw: shuf -i 42002-42254 */
export const UUID_FIRST = 42002
export const UUID_LAST = 42254
const ANOTHER = 'pick another ps_NNNNN'

/** What makes a uuid unusable whatever the machine holds: its form, bocker's range, the gateway IP. */
export function uuidFormProblem (uuid: string): string | undefined {
  if (!UUID_RE.test(uuid)) return `"${uuid}" is not a bocker uuid (ps_NNNNN)`
  const n = Number(uuid.slice(3))
  if (n < UUID_FIRST || n > UUID_LAST) return `bocker draws uuids from ps_${UUID_FIRST} to ps_${UUID_LAST}`
  const ip = bockerIp(uuid)
  if (ip === GATEWAY) return `its IP ${ip} is bridge0's own address (bocker's sed 's/0//g' bug)`
  return undefined
}

/** What on this machine holds the uuid or its IP right now (undefined: free). */
export function uuidTaken (uuid: string): { why: string, fix: string } | undefined {
  const used = uuidInUse(uuid)
  if (used) return { why: `${used} exists`, fix: `${ANOTHER}, or remove it with \`sudo bocker-learn reset\`` }
  const ip = bockerIp(uuid)
  if (liveContainerIps().has(ip)) return { why: `IP ${ip} is used by a running container`, fix: ANOTHER }
  const holder = readLedger().find(e => e.ip === ip && !e.kept && isAlive(e.pid))
  if (holder) return { why: `IP ${ip} is held by ${holder.uuid}, a run in progress (pid ${holder.pid})`, fix: ANOTHER }
  return undefined
}

export function tryClaim (uuid: string, lesson: string): ClaimResult {
  const form = uuidFormProblem(uuid)
  if (form) return { ok: false, why: form, fix: ANOTHER }
  const taken = uuidTaken(uuid)
  if (taken) return { ok: false, ...taken }
  const entry: LedgerEntry = { uuid, ip: bockerIp(uuid), pid: process.pid, startedAt: new Date().toISOString(), lesson }
  const claimed = claim(entry)
  return claimed.ok ? { ok: true, entry } : { ...claimed, fix: ANOTHER }
}

/** The one line for a --uuid that cannot be used. */
export function pinnedRefusal (uuid: string, problem: { why: string, fix: string }): string {
  return `--uuid ${uuid} cannot be used: ${problem.why}; ${problem.fix}`
}
