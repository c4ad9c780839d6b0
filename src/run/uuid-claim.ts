// After the step that picks `uuid`: make sure nothing of it exists, its IP is free, and claim it.
import { bockerIp, liveContainerIps, UUID_RE, uuidInUse } from '../lab/uuid-space.js'
import { GATEWAY } from '../lab/paths.js'
import { claim, ipHeldBy, type LedgerEntry } from '../lab/ledger.js'

/** Why a uuid cannot be used, and what to do instead. */
export interface UuidProblem { why: string, fix: string }
export type ClaimResult = { ok: true, entry: LedgerEntry } | ({ ok: false } & UuidProblem)

/** bocker's draw: shuf -i 42002-42254 */
const UUID_FIRST = 42002
const UUID_LAST = 42254
const ANOTHER = 'pick another ps_NNNNN'

/** What makes a uuid unusable whatever the machine holds: its form, bocker's range, the gateway IP. */
export function uuidFormProblem (uuid: string): UuidProblem | undefined {
  const fix = `${ANOTHER}, e.g. ps_42032`
  if (!UUID_RE.test(uuid)) return { why: `"${uuid}" is not a bocker uuid (ps_NNNNN)`, fix }
  const n = Number(uuid.slice(3))
  if (n < UUID_FIRST || n > UUID_LAST) return { why: `bocker draws uuids from ps_${UUID_FIRST} to ps_${UUID_LAST}`, fix }
  const ip = bockerIp(uuid)
  if (ip === GATEWAY) return { why: `its IP ${ip} is bridge0's own address (bocker's sed 's/0//g' bug)`, fix }
  return undefined
}

/** What on this machine holds the uuid or its IP right now (undefined: free). */
export function uuidTaken (uuid: string): UuidProblem | undefined {
  const used = uuidInUse(uuid)
  if (used) return { why: `${used} exists`, fix: `${ANOTHER}, or remove it with \`sudo bocker-learn reset\`` }
  const ip = bockerIp(uuid)
  if (liveContainerIps().has(ip)) return { why: `IP ${ip} is used by a running container`, fix: ANOTHER }
  const held = ipHeldBy(ip)
  return held ? { why: held, fix: ANOTHER } : undefined
}

export function tryClaim (uuid: string, lesson: string): ClaimResult {
  const problem = uuidFormProblem(uuid) ?? uuidTaken(uuid)
  if (problem) return { ok: false, ...problem }
  const entry: LedgerEntry = { uuid, ip: bockerIp(uuid), pid: process.pid, startedAt: new Date().toISOString(), lesson }
  const claimed = claim(entry)
  return claimed.ok ? { ok: true, entry } : { ...claimed, fix: ANOTHER }
}

/** The one line for a --uuid that cannot be used. */
export function pinnedRefusal (uuid: string, problem: UuidProblem): string {
  return `--uuid ${uuid} cannot be used: ${problem.why}; ${problem.fix}`
}
