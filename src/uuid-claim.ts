// After the step that picks `uuid`: make sure nothing of it exists, its IP is free, and claim it.
import { bockerIp, liveContainerIps, UUID_RE, uuidInUse } from './lab/uuid-space.js'
import { GATEWAY } from './lab/paths.js'
import { claim, type LedgerEntry } from './ledger.js'

export type ClaimResult = { ok: true, entry: LedgerEntry } | { ok: false, why: string }

export function tryClaim (uuid: string, lesson: string): ClaimResult {
  if (!UUID_RE.test(uuid)) return { ok: false, why: `"${uuid}" is not a bocker uuid (ps_NNNNN)` }
  const ip = bockerIp(uuid)
  if (ip === GATEWAY) return { ok: false, why: `its IP ${ip} is bridge0's own address (bocker's sed 's/0//g' bug)` }
  const used = uuidInUse(uuid)
  if (used) return { ok: false, why: `${used} exists` }
  if (liveContainerIps().has(ip)) return { ok: false, why: `IP ${ip} is used by a running container` }
  const entry: LedgerEntry = { uuid, ip, pid: process.pid, startedAt: new Date().toISOString(), lesson }
  const claimed = claim(entry)
  return claimed.ok ? { ok: true, entry } : claimed
}
