import { describe, expect, it } from 'vitest'
import { RateLimit } from '../../src/serve/rate-limit.js'

describe('RateLimit', () => {
  it('a burst of 5, then 5 a second, per key', () => {
    const r = new RateLimit(5, 5)
    const t0 = 1_000_000
    for (let i = 0; i < 5; i++) expect(r.take('a', t0)).toBe(true)
    expect(r.take('a', t0)).toBe(false)
    expect(r.take('b', t0)).toBe(true)
    expect(r.take('a', t0 + 100)).toBe(false)
    expect(r.take('a', t0 + 200)).toBe(true)
    expect(r.take('a', t0 + 200)).toBe(false)
    expect(r.take('a', t0 + 10_000)).toBe(true)
  })
  it('a flood of new keys does not grow it without end', () => {
    const r = new RateLimit(5, 5, 100)
    for (let i = 0; i < 10_000; i++) r.take(`k${i}`, 1000 + i)
    expect((r as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100)
  })
})
