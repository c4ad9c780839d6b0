import { describe, expect, it } from 'vitest'
import { pinRefused } from '../../src/render/uuid.js'
import { say } from '../../src/render/words/index.js'
import type { UuidProblem } from '../../src/run/uuid-claim.js'

const problems: UuidProblem[] = [
  { kind: 'not-a-uuid', uuid: 'ps_1' },
  { kind: 'out-of-range', uuid: 'ps_12345' },
  { kind: 'gateway-ip', uuid: 'ps_42100', ip: '10.0.0.1' },
  { kind: 'exists', uuid: 'ps_42233', path: '/run/netns/netns_ps_42233' },
  { kind: 'ip-live', uuid: 'ps_42020', ip: '10.0.0.2' },
  { kind: 'ip-held', uuid: 'ps_42020', ip: '10.0.0.2', holder: 'ps_42002', pid: 77 },
  { kind: 'in-ledger', uuid: 'ps_42032' },
]

describe('a refused --uuid, in words', () => {
  it.each(problems)('$kind: one line in each language, with what to do, and no placeholder left', p => {
    const en = say('en', pinRefused(p))
    const ja = say('ja', pinRefused(p))
    expect(en).toMatch(new RegExp(`^--uuid ${p.uuid} cannot be used: .+; pick another ps_NNNNN`))
    expect(ja).toMatch(new RegExp(`^--uuid ${p.uuid} は使えません: .+。別の ps_NNNNN を選`))
    for (const s of [en, ja]) expect(s).not.toMatch(/\{\w+\}|\n/)
  })

  it('names the thing that holds it, and reset only when reset would help', () => {
    expect(say('en', pinRefused(problems[3]!))).toContain(
      '/run/netns/netns_ps_42233 exists; pick another ps_NNNNN, or remove it with `sudo bocker-learn reset`',
    )
    expect(say('en', pinRefused(problems[5]!))).toContain('held by ps_42002, a run in progress (pid 77)')
    expect(say('en', pinRefused(problems[5]!))).not.toContain('reset')
  })
})
