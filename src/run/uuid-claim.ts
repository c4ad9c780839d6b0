// The container's uuid: whether a --uuid can be used at all, whether the machine holds it now, and
// the claim right after the step that draws it. Problems are values; render/uuid.ts says them.

import { claim, ipHolder, type LedgerEntry } from '../lab/ledger.js'
import { GATEWAY } from '../lab/paths.js'
import { bockerIp, liveContainerIps, UUID_RE, uuidInUse } from '../lab/uuid-space.js'

/** bocker's draw: shuf -i 42002-42254 */
export const UUID_FIRST = 42002
export const UUID_LAST = 42254

export type UuidProblem =
  | { kind: 'not-a-uuid'; uuid: string }
  | { kind: 'out-of-range'; uuid: string }
  | { kind: 'gateway-ip'; uuid: string; ip: string }
  | { kind: 'exists'; uuid: string; path: string }
  | { kind: 'ip-live'; uuid: string; ip: string }
  | { kind: 'ip-held'; uuid: string; ip: string; holder: string; pid: number }
  | { kind: 'in-ledger'; uuid: string }

export type ClaimResult = { ok: true; entry: LedgerEntry } | { ok: false; problem: UuidProblem }

/** What makes a uuid unusable whatever the machine holds: its form, bocker's range, the gateway IP. */
export function uuidFormProblem(uuid: string): UuidProblem | undefined {
  if (!UUID_RE.test(uuid)) return { kind: 'not-a-uuid', uuid }
  const n = Number(uuid.slice(3))
  if (n < UUID_FIRST || n > UUID_LAST) return { kind: 'out-of-range', uuid }
  const ip = bockerIp(uuid)
  if (ip === GATEWAY) return { kind: 'gateway-ip', uuid, ip }
  return undefined
}

/** What on this machine holds the uuid or its IP right now (undefined: free). */
export function uuidTaken(uuid: string): UuidProblem | undefined {
  const path = uuidInUse(uuid)
  if (path) return { kind: 'exists', uuid, path }
  const ip = bockerIp(uuid)
  if (liveContainerIps().has(ip)) return { kind: 'ip-live', uuid, ip }
  const holder = ipHolder(ip)
  return holder ? { kind: 'ip-held', uuid, ip, holder: holder.uuid, pid: holder.pid } : undefined
}

export function tryClaim(uuid: string, lesson: string): ClaimResult {
  const problem = uuidFormProblem(uuid) ?? uuidTaken(uuid)
  if (problem) return { ok: false, problem }
  const entry: LedgerEntry = { uuid, ip: bockerIp(uuid), pid: process.pid, startedAt: new Date().toISOString(), lesson }
  const claimed = claim(entry)
  if (claimed.ok) return { ok: true, entry }
  return {
    ok: false,
    problem: claimed.holder
      ? { kind: 'ip-held', uuid, ip: entry.ip, holder: claimed.holder.uuid, pid: claimed.holder.pid }
      : { kind: 'in-ledger', uuid },
  }
}
