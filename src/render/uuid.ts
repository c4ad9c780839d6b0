// A uuid problem (run/uuid-claim.ts) as a phrase: why it cannot be used, and what to do instead.
import { UUID_FIRST, UUID_LAST, type UuidProblem } from '../run/uuid-claim.js'
import type { Phrase } from './words/index.js'

export function uuidWhy(p: UuidProblem): Phrase {
  switch (p.kind) {
    case 'not-a-uuid':
      return { key: 'uuid.notAUuid', vars: { uuid: p.uuid } }
    case 'out-of-range':
      return { key: 'uuid.outOfRange', vars: { first: `ps_${UUID_FIRST}`, last: `ps_${UUID_LAST}` } }
    case 'gateway-ip':
      return { key: 'uuid.gatewayIp', vars: { ip: p.ip } }
    case 'exists':
      return { key: 'uuid.exists', vars: { path: p.path } }
    case 'ip-live':
      return { key: 'uuid.ipLive', vars: { ip: p.ip } }
    case 'ip-held':
      return { key: 'uuid.ipHeld', vars: { ip: p.ip, holder: p.holder, pid: p.pid } }
    case 'in-ledger':
      return { key: 'uuid.inLedger', vars: { uuid: p.uuid } }
  }
}

export function uuidFix(p: UuidProblem): Phrase {
  if (p.kind === 'exists') return { key: 'uuid.fixReset' }
  return { key: p.kind === 'not-a-uuid' || p.kind === 'out-of-range' || p.kind === 'gateway-ip' ? 'uuid.fixExample' : 'uuid.fixAnother' }
}

/** The one line for a --uuid that cannot be used. */
export const pinRefused = (p: UuidProblem): Phrase => ({ key: 'uuid.pinRefused', vars: { uuid: p.uuid, why: uuidWhy(p), fix: uuidFix(p) } })
